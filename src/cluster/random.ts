// Seeded randomness: every random choice of the fake cluster (generateName suffixes, uids) comes from here,
// so the same input and seed give the same timeline.

/** mulberry32: small, fast, and good enough for names. */
export class SeededRandom {
  private state: number

  constructor(seed: number | string = 1) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive)
  }

  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)]
    return out
  }
}

/**
 * The API server's generateName suffix (R72): five characters from its alphabet, which leaves out vowels and
 * look-alike characters ("bcdfghjklmnpqrstvwxz2456789"), appended to the base truncated to 58 characters.
 */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
export function generateName(base: string, random: SeededRandom): string {
  return base.slice(0, 58) + random.chars(5, NAME_SUFFIX_ALPHABET)
}

function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}
