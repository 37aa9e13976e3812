// The order in which the page lists names (files in the tree, resources in the graph), as a learner reads them:
// letters without regard to case, runs of digits by their value (web-2 before web-10), then code units, so that the
// order is total and the same in every browser and locale. Written out rather than left to Intl.Collator: a page's
// first collator loads ICU's collation data, 20–35 ms that fell in the first view (the file tree), four times that on
// a slow laptop.

const ZERO = 48
const NINE = 57

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE
}

function folded(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code
}

/** The end of the run of digits that starts at `from`. */
function digitsEnd(s: string, from: number): number {
  let end = from
  while (end < s.length && isDigit(s.charCodeAt(end))) end++
  return end
}

/** Compares two runs of digits by value: without leading zeros, the longer is the larger, else digit by digit. */
function compareNumbers(a: string, aFrom: number, aEnd: number, b: string, bFrom: number, bEnd: number): number {
  while (aFrom < aEnd - 1 && a.charCodeAt(aFrom) === ZERO) aFrom++
  while (bFrom < bEnd - 1 && b.charCodeAt(bFrom) === ZERO) bFrom++
  if (aEnd - aFrom !== bEnd - bFrom) return (aEnd - aFrom) - (bEnd - bFrom)
  for (let k = 0; k < aEnd - aFrom; k++) {
    const d = a.charCodeAt(aFrom + k) - b.charCodeAt(bFrom + k)
    if (d !== 0) return d
  }
  return 0
}

/** Negative when `a` comes first, positive when `b` does, 0 only for equal strings. */
export function naturalCompare(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(j)
    if (isDigit(ca) && isDigit(cb)) {
      const aEnd = digitsEnd(a, i)
      const bEnd = digitsEnd(b, j)
      const byValue = compareNumbers(a, i, aEnd, b, j, bEnd)
      if (byValue !== 0) return byValue
      i = aEnd
      j = bEnd
      continue
    }
    const d = folded(ca) - folded(cb)
    if (d !== 0) return d
    i++
    j++
  }
  const rest = (a.length - i) - (b.length - j)
  if (rest !== 0) return rest
  return a < b ? -1 : a > b ? 1 : 0
}
