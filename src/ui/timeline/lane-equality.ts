// Whether two lanes draw the same, so that a lane of a playing run re-renders only when its own facts changed.
// Open spans (an object that still exists, a Pod still in a state) are drawn up to a clip at the timeline's end, so
// their `to` (which is that end) is not part of what a lane draws: a lane redraws when its facts change, not as
// time passes.
import type { Lane, PodBar, PodSegment, Span } from './model.ts'

/** Same values under the same keys; values compared with ===, arrays of primitives element-wise. */
function sameFlat(a: object, b: object): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    const x = (a as Record<string, unknown>)[k]
    const y = (b as Record<string, unknown>)[k]
    if (x === y) continue
    if (!Array.isArray(x) || !Array.isArray(y) || !sameArray(x, y)) return false
  }
  return true
}

function sameArray(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((v, i) => same(v, b[i]!)))
}

const samePresence = (a: Span, b: Span): boolean => a.from === b.from && a.open === b.open && (a.open || a.to === b.to)

const sameSegment = (a: PodSegment, b: PodSegment): boolean =>
  a.open === b.open && a.from === b.from && (a.open || a.to === b.to) && a.state === b.state &&
  a.status === b.status && a.label === b.label && sameArray(a.statuses, b.statuses)

const samePod = (a: PodBar, b: PodBar): boolean =>
  a.uid === b.uid && a.name === b.name && a.row === b.row && a.from === b.from && a.open === b.open &&
  (a.open || a.to === b.to) && a.status === b.status && sameList(a.segments, b.segments, sameSegment) &&
  sameList(a.probeFailures, b.probeFailures, sameFlat)

/** a and b look the same in the chart, its resource list and its table (`presence` ends that are open aside). */
export function sameLaneDrawing(a: Lane, b: Lane): boolean {
  if (a === b) return true
  return a.key === b.key && a.label === b.label && a.podRows === b.podRows && a.syncPhase === b.syncPhase &&
    a.wave === b.wave && a.health === b.health && sameArray(a.hookTypes, b.hookTypes) &&
    sameList(a.presence, b.presence, samePresence) && sameList(a.markers, b.markers, sameFlat) &&
    sameList(a.pods, b.pods, samePod)
}
