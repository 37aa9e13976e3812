// Object uids: RFC 4122 version-4 shaped, drawn from the cluster's seeded randomness (same seed, same uids).

const HEX = '0123456789abcdef'
/** The uid's character codes, filled in place: one flat string per uid and no number-to-text conversions. */
const codes: number[] = new Array<number>(36).fill(0)

/** Writes `value`'s lowest `digits` hex digits at `at`; returns the index after them. */
function putHex(value: number, digits: number, at: number): number {
  for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4) codes[at++] = HEX.charCodeAt((value >>> shift) & 15)
  return at
}

/**
 * 32, 16, 12, 12, 24 and 24 random bits, drawn in that order, as 8-4-4-4-12 hex digits with the version ('4') and
 * variant ('a') digits in front of the third and fourth groups.
 */
export function randomUid(random: { int(maxExclusive: number): number }): string {
  let at = putHex(random.int(2 ** 32), 8, 0)
  codes[at++] = 45 // '-'
  at = putHex(random.int(2 ** 16), 4, at)
  codes[at++] = 45
  codes[at++] = 52 // '4'
  at = putHex(random.int(2 ** 12), 3, at)
  codes[at++] = 45
  codes[at++] = 97 // 'a'
  at = putHex(random.int(2 ** 12), 3, at)
  codes[at++] = 45
  at = putHex(random.int(2 ** 24), 6, at)
  putHex(random.int(2 ** 24), 6, at)
  return String.fromCharCode.apply(null, codes)
}
