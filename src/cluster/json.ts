// Plain-JSON helpers shared by the store, apply and the controllers.

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Structural equality of JSON values; keys whose value is undefined count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && itemsEqual(a, b)
  if (isPlainObject(a) && isPlainObject(b)) {
    let na = 0
    for (const k in a) {
      if (a[k] === undefined) continue
      na++
      if (!deepEqual(a[k], b[k])) return false
    }
    let nb = 0
    for (const k in b) if (b[k] !== undefined) nb++
    return na === nb
  }
  return false
}

/** Arrays of the same length, item by item (holes skipped, as Array.prototype.every does); no closure per call. */
function itemsEqual(a: unknown[], b: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (!(i in a)) continue
    if (!deepEqual(a[i], b[i])) return false
  }
  return true
}

/** A deep copy of a JSON value (faster than structuredClone for the small objects the store holds). */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) return v.map(cloneJson) as T
  const out: Record<string, unknown> = {}
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k]
    if (x !== undefined) out[k] = cloneJson(x)
  }
  return out as T
}
