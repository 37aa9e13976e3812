// Geometry of the timeline chart, kept pure so it can be tested without a DOM: the time scale, axis ticks and how
// the keyboard moves the time cursor.

export interface TimeScale {
  /** Virtual ms at x = 0. */
  t0: number
  /** Virtual ms at the right edge. */
  t1: number
  pxPerSecond: number
  /** Chart width in px. */
  width: number
  x(t: number): number
  /** Virtual ms at x, rounded to 100 ms and clamped to [min, max]. */
  t(x: number, min?: number, max?: number): number
}

/** A scale covering [from, to] (whole seconds, with a little room at the right; `padLeft` px before t0). */
export function timeScale(from: number, to: number, pxPerSecond: number, padLeft = 0): TimeScale {
  const t0 = Math.floor(from / 1000) * 1000
  const t1 = Math.max(t0 + 10_000, Math.ceil((to + 2000) / 1000) * 1000)
  const k = pxPerSecond / 1000
  return {
    t0, t1, pxPerSecond, width: padLeft + (t1 - t0) * k,
    x: t => padLeft + (t - t0) * k,
    t: (x, min = t0, max = t1) => clamp(Math.round((t0 + (x - padLeft) / k) / 100) * 100, min, max),
  }
}

const TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]

/** Tick times (virtual ms) at least `minGapPx` apart on whole-second steps. */
export function axisTicks(scale: TimeScale, minGapPx = 56): number[] {
  const step = (TICK_STEPS_S.find(s => s * scale.pxPerSecond >= minGapPx) ?? TICK_STEPS_S.at(-1)!) * 1000
  const out: number[] = []
  for (let t = Math.ceil(scale.t0 / step) * step; t <= scale.t1; t += step) out.push(t)
  return out
}

/** Tick label: "0s", "45s", "2m", "2m30s". */
export function tickLabel(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 120) return `${s}s`
  const m = Math.floor(s / 60)
  return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`
}

/**
 * Where a key moves the cursor (slider keys per WAI-ARIA): arrows ±1 s (±10 s with Shift), Page Up/Down ±10 s,
 * Home/End to the ends. undefined: the key does not move it.
 */
export function cursorAfterKey(key: string, shift: boolean, value: number, min: number, max: number): number | undefined {
  const step = shift ? 10_000 : 1000
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(value + step, min, max)
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(value - step, min, max)
    case 'PageUp':
      return clamp(value + 10_000, min, max)
    case 'PageDown':
      return clamp(value - 10_000, min, max)
    case 'Home':
      return min
    case 'End':
      return max
  }
  return undefined
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v))
}

/** scrollLeft that keeps x in view (at 3/4 of the width when it has to move), or undefined if it is in view. */
export function scrollToKeep(x: number, scrollLeft: number, viewWidth: number, margin = 40): number | undefined {
  if (viewWidth <= 0) return undefined
  if (x >= scrollLeft + margin && x <= scrollLeft + viewWidth - margin) return undefined
  return Math.max(0, Math.round(x - viewWidth * 0.75))
}
