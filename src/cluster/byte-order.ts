// Strings compared as Go compares them (code unit by code unit; bytes for the ASCII of names, keys and times), not by
// the locale's collation: the same order on every machine, in every browser and locale.

/** Negative when `a` comes first, positive when `b` does, 0 for equal strings. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
