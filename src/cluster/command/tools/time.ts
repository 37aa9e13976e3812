// sleep and date: the two programs whose behaviour depends on virtual time.

import { EPOCH_MS } from '../../clock.ts'
import type { Proc } from '../machine.ts'

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `10`, `10s`, `1m`, `0.5`, `1e3`, `infinity` → ms (Infinity for ever); undefined if invalid. */
export function parseDuration(arg: string): number | undefined {
  if (/^\+?inf(inity)?$/i.test(arg)) return Infinity
  const m = /^\+?((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([smhd]?)$/i.exec(arg)
  if (!m) return undefined
  return Number(m[1]) * (UNIT_MS[m[2]!.toLowerCase()] ?? 1000)
}

export function sleep(argv: string[], p: Proc): number {
  const args = argv.slice(1).filter(a => a !== '--')
  const coreutils = p.m.image.userland === 'coreutils'
  if (args.length === 0) {
    p.io.err(coreutils ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'Usage: sleep [N]...\n')
    return 1
  }
  let total = 0
  for (const a of args) {
    const ms = parseDuration(a)
    if (ms === undefined) {
      p.io.err(coreutils ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`)
      return 1
    }
    total += ms
  }
  p.m.sleep(Math.round(total))
  return 0
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December']

const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill)

/**
 * strftime for the conversions scripts use; the zone is always UTC, as in a container without TZ. One pass over the
 * format with a switch (server logs stamp every line: no table of closures built per call).
 */
export function strftime(epochMs: number, format: string): string {
  const d = new Date(epochMs)
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch
      continue
    }
    const c = format[++i]!
    const text = conversion(d, epochMs, c)
    out += text === undefined ? `%${c}` : text
  }
  return out
}

/** One strftime conversion; undefined for one it does not know (printed as written). */
function conversion(d: Date, epochMs: number, c: string): string | undefined {
  switch (c) {
    case 'Y': return String(d.getUTCFullYear())
    case 'y': return pad(d.getUTCFullYear() % 100)
    case 'm': return pad(d.getUTCMonth() + 1)
    case 'd': return pad(d.getUTCDate())
    case 'e': return pad(d.getUTCDate(), 2, ' ')
    case 'H': return pad(d.getUTCHours())
    case 'I': return pad(d.getUTCHours() % 12 || 12)
    case 'M': return pad(d.getUTCMinutes())
    case 'S': return pad(d.getUTCSeconds())
    case 'N': return pad(d.getUTCMilliseconds() * 1_000_000, 9)
    case 's': return String(Math.floor(epochMs / 1000))
    case 'a': return DAYS[d.getUTCDay()]!.slice(0, 3)
    case 'A': return DAYS[d.getUTCDay()]!
    case 'b': case 'h': return MONTHS[d.getUTCMonth()]!.slice(0, 3)
    case 'B': return MONTHS[d.getUTCMonth()]!
    case 'j': return pad(Math.floor((epochMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3)
    case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM'
    case 'u': return String(d.getUTCDay() || 7)
    case 'w': return String(d.getUTCDay())
    case 'Z': return 'UTC'
    case 'z': return '+0000'
    case 'n': return '\n'
    case 't': return '\t'
    case '%': return '%'
    case 'F': return strftime(epochMs, '%Y-%m-%d')
    case 'T': return strftime(epochMs, '%H:%M:%S')
    case 'R': return strftime(epochMs, '%H:%M')
    case 'D': return strftime(epochMs, '%m/%d/%y')
    case 'c': return strftime(epochMs, '%a %b %e %H:%M:%S %Y')
    default: return undefined
  }
}

/** `date` with no format: `Wed Jan  1 00:00:10 UTC 2025`. */
export function formatDate(epochMs: number): string {
  return strftime(epochMs, '%a %b %e %H:%M:%S %Z %Y')
}

export function date(argv: string[], p: Proc): number {
  let at = p.m.now() + EPOCH_MS
  let format = '%a %b %e %H:%M:%S %Z %Y'
  const args = argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('+')) format = a.slice(1)
    else if (a === '-u' || a === '--utc' || a === '--universal') continue
    else if (a === '-R' || a === '--rfc-email') format = '%a, %d %b %Y %H:%M:%S %z'
    else if (/^(-I|--iso-8601)(=?(date|seconds|s|ns|minutes|hours))?$/.test(a)) {
      format = /seconds$|^-Is$|=s$/.test(a) ? '%Y-%m-%dT%H:%M:%S+00:00' : '%Y-%m-%d'
    } else if (a === '-d' || a === '--date' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const value = a === '-d' || a === '--date' ? args[++i] ?? '' : a.replace(/^(--date=|-d)/, '')
      const secs = /^@(-?\d+)$/.exec(value)
      if (!secs) {
        p.io.err(`date: invalid date '${value}'\n`)
        return 1
      }
      at = Number(secs[1]) * 1000
    } else {
      p.io.err(p.m.image.userland === 'coreutils'
        ? `date: invalid option -- '${a.replace(/^-+/, '')}'\nTry 'date --help' for more information.\n`
        : `date: invalid date '${a}'\n`)
      return 1
    }
  }
  p.io.out(`${strftime(at, format)}\n`)
  return 0
}
