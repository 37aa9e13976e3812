// Small text programs, so that pipes and files in scripts behave: echo, printf, cat, head, tail, wc, grep,
// tee, seq, sort, uniq, plus the identity programs (hostname, whoami, id, uname, pwd).

import { Forever, readStdin, type Proc, type Program } from '../machine.ts'

/** `\n`, `\t`, `\\`, `\c` (stop) as echo -e and printf %b read them. */
function unescape(s: string): { text: string; stop: boolean } {
  let stop = false
  const text = s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/gs, (all, e: string) => {
    if (stop) return ''
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' }
    if (e === 'c') { stop = true; return '' }
    if (Object.hasOwn(simple, e)) return simple[e]!
    if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8))
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16))
    return all
  })
  return { text, stop }
}

/** echo; `escapes` is the default of the shell calling it (dash always interprets them). */
export function echo(argv: string[], p: Proc, escapes = false): number {
  const args = argv.slice(1)
  let newline = true
  let esc = escapes
  while (args.length > 0 && /^-[neE]+$/.test(args[0]!) && !(escapes && args[0] !== '-n')) {
    const flags = args.shift()!
    if (flags.includes('n')) newline = false
    if (flags.includes('e')) esc = true
    if (flags.includes('E')) esc = false
  }
  let text = args.join(' ')
  if (esc) {
    const u = unescape(text)
    text = u.text
    if (u.stop) newline = false
  }
  p.io.out(newline ? `${text}\n` : text)
  return 0
}

export function printf(argv: string[], p: Proc): number {
  const [format, ...args] = argv.slice(1)
  if (format === undefined) {
    p.io.err('printf: usage: printf format [arguments]\n')
    return 2
  }
  let out = ''
  let i = 0
  do {
    const before = i
    out += unescape(format.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([sdibcxXou%])/g, (_all, flags: string, c: string) => {
      if (c === '%') return '%%'
      const arg = args[i++] ?? ''
      const width = Number(/\d+/.exec(flags.replace(/^[-+ 0#]*/, ''))?.[0] ?? 0)
      let v: string
      if (c === 'd' || c === 'i') v = String(Math.trunc(Number(arg) || 0))
      else if (c === 'x' || c === 'X' || c === 'o') v = (Math.trunc(Number(arg) || 0)).toString(c === 'o' ? 8 : 16)
      else if (c === 'b') v = unescape(arg).text
      else if (c === 'c') v = arg.slice(0, 1)
      else v = arg
      v = flags.includes('-') ? v.padEnd(width) : v.padStart(width, flags.startsWith('0') && c !== 's' ? '0' : ' ')
      return v.replace(/\\/g, '\\\\').replace(/%/g, '%%')
    })).text.replace(/%%/g, '%')
    if (i === before) break
  } while (i < args.length)
  p.io.out(out)
  return 0
}

/** The content of `path`, or an error message in the style of the image's userland. */
export function readFile(p: Proc, tool: string, path: string): string | undefined {
  if (path === '-') return readStdin(p.io)
  if (path === '/dev/null') return ''
  const text = p.m.files.get(path)
  if (text !== undefined) return text
  p.io.err(p.m.image.userland === 'busybox'
    ? `${tool}: can't open '${path}': No such file or directory\n`
    : `${tool}: ${path}: No such file or directory\n`)
  return undefined
}

/** Splits args into option words and operands (`--` ends options). */
function split(argv: string[]): { opts: string[]; files: string[] } {
  const opts: string[] = []
  const files: string[] = []
  let done = false
  for (const a of argv.slice(1)) {
    if (!done && a === '--') done = true
    else if (!done && a.length > 1 && a.startsWith('-')) opts.push(a)
    else files.push(a)
  }
  return { opts, files }
}

/** Runs `each` over the inputs (stdin when none); exit 1 if a file was missing. */
function overInputs(argv: string[], p: Proc, tool: string, each: (text: string) => void): number {
  const { files } = split(argv)
  let status = 0
  for (const f of files.length === 0 ? ['-'] : files) {
    const text = readFile(p, tool, f)
    if (text === undefined) status = 1
    else each(text)
  }
  return status
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))

/** `-n 5`, `-n5`, `-5`, `--lines=5` */
function countOpt(argv: string[], fallback: number): { n: number; rest: string[] } {
  const rest = [argv[0]!]
  let n = fallback
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    const m = /^(?:-n|--lines=|-)(\d+)$/.exec(a)
    if (m) n = Number(m[1])
    else if (a === '-n') n = Number(argv[++i] ?? fallback)
    else rest.push(a)
  }
  return { n, rest }
}

export const cat: Program = (argv, p) => overInputs(argv, p, 'cat', t => p.io.out(t))

export const head: Program = (argv, p) => {
  const { n, rest } = countOpt(argv, 10)
  return overInputs(rest, p, 'head', t => p.io.out(lines(t).slice(0, n).map(l => `${l}\n`).join('')))
}

export const tail: Program = (argv, p) => {
  // `tail -f` follows the file for ever: the classic way to keep a container running.
  if (argv.some(a => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow')) throw new Forever()
  const { n, rest } = countOpt(argv, 10)
  return overInputs(rest, p, 'tail', t => p.io.out(lines(t).slice(-n || lines(t).length).map(l => `${l}\n`).join('')))
}

export const wc: Program = (argv, p) => {
  const { opts } = split(argv)
  const flags = opts.join('')
  return overInputs(argv, p, 'wc', t => {
    const counts = { l: (t.match(/\n/g) ?? []).length, w: t.split(/\s+/).filter(Boolean).length, c: t.length }
    const chosen = (['l', 'w', 'c'] as const).filter(k => flags.includes(k))
    p.io.out(chosen.length === 1 ? `${counts[chosen[0]!]}\n`
      : `${(chosen.length ? chosen : (['l', 'w', 'c'] as const)).map(k => String(counts[k]).padStart(7)).join(' ')}\n`)
  })
}

export const grep: Program = (argv, p) => {
  const { opts, files } = split(argv)
  const flags = opts.join('')
  const pattern = files.shift()
  if (pattern === undefined) {
    p.io.err('Usage: grep [OPTION]... PATTERNS [FILE]...\n')
    return 2
  }
  let re: RegExp
  try {
    re = new RegExp(pattern, flags.includes('i') ? 'i' : '')
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.includes('i') ? 'i' : '')
  }
  let matches = 0
  const status = overInputs([argv[0]!, ...files], p, 'grep', t => {
    const hits = lines(t).filter(l => re.test(l) !== flags.includes('v'))
    matches += hits.length
    if (!flags.includes('q') && !flags.includes('c')) p.io.out(hits.map(l => `${l}\n`).join(''))
  })
  if (flags.includes('c')) p.io.out(`${matches}\n`)
  return status !== 0 ? 2 : matches > 0 ? 0 : 1
}

export const tee: Program = (argv, p) => {
  const { opts, files } = split(argv)
  const input = readStdin(p.io)
  for (const f of files) p.m.files.set(f, (opts.includes('-a') ? p.m.files.get(f) ?? '' : '') + input)
  p.io.out(input)
  return 0
}

export const seq: Program = (argv, p) => {
  const nums = argv.slice(1).map(Number)
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!]
    : [nums[0] ?? NaN, nums[1] ?? NaN, nums[2] ?? NaN]
  if (nums.length === 0 || nums.length > 3 || ![first, step, last].every(Number.isFinite) || step === 0) {
    p.io.err(`seq: invalid argument\n`)
    return 1
  }
  let out = ''
  for (let i = 0, v = first; i < 100_000 && (step > 0 ? v <= last : v >= last); i++, v += step) out += `${v}\n`
  p.io.out(out)
  return 0
}

export const sort: Program = (argv, p) => {
  const { opts } = split(argv)
  return overInputs(argv, p, 'sort', t => {
    const sorted = lines(t).sort((a, b) => (opts.some(o => o.includes('n')) ? Number.parseFloat(a) - Number.parseFloat(b) : a < b ? -1 : a > b ? 1 : 0))
    if (opts.some(o => o.includes('r'))) sorted.reverse()
    p.io.out(sorted.map(l => `${l}\n`).join(''))
  })
}

export const uniq: Program = (argv, p) =>
  overInputs(argv, p, 'uniq', t => p.io.out(lines(t).filter((l, i, all) => i === 0 || all[i - 1] !== l).map(l => `${l}\n`).join('')))

export const hostname: Program = (_argv, p) => {
  p.io.out(`${p.m.ctx.hostname}\n`)
  return 0
}

export const whoami: Program = (_argv, p) => {
  p.io.out('root\n')
  return 0
}

export const id: Program = (_argv, p) => {
  p.io.out('uid=0(root) gid=0(root) groups=0(root)\n')
  return 0
}

export const uname: Program = (argv, p) => {
  const all = argv.includes('-a')
  p.io.out(all ? `Linux ${p.m.ctx.hostname} 6.8.0-synclab #1 SMP x86_64 GNU/Linux\n` : argv.includes('-r') ? '6.8.0-synclab\n'
    : argv.includes('-m') ? 'x86_64\n' : 'Linux\n')
  return 0
}

export const pwd: Program = (_argv, p) => {
  p.io.out(`${p.env.get('PWD') ?? '/'}\n`)
  return 0
}

/** expr A OP B: the integer arithmetic and comparisons counters in retry loops use. */
export const expr: Program = (argv, p) => {
  const [a, op, b] = argv.slice(1)
  if (a !== undefined && op === undefined) {
    p.io.out(`${a}\n`)
    return a === '' || a === '0' ? 1 : 0
  }
  const x = Number(a)
  const y = Number(b)
  const ints = /^-?\d+$/.test(a ?? '') && /^-?\d+$/.test(b ?? '')
  const ops: Record<string, () => number | undefined> = {
    '+': () => x + y, '-': () => x - y, '*': () => x * y,
    '/': () => (y === 0 ? undefined : Math.trunc(x / y)), '%': () => (y === 0 ? undefined : x % y),
    '=': () => Number(a === b), '!=': () => Number(a !== b), '<': () => Number(ints ? x < y : a! < b!),
    '>': () => Number(ints ? x > y : a! > b!), '<=': () => Number(ints ? x <= y : a! <= b!), '>=': () => Number(ints ? x >= y : a! >= b!),
  }
  const f = op === undefined || !Object.hasOwn(ops, op) ? undefined : ops[op]
  const arithmetic = op === '+' || op === '-' || op === '*' || op === '/' || op === '%'
  const value = f && (!arithmetic || ints) ? f() : undefined
  if (value === undefined) {
    p.io.err(arithmetic && !ints ? 'expr: non-integer argument\n' : y === 0 && arithmetic ? 'expr: division by zero\n' : 'expr: syntax error\n')
    return 2
  }
  p.io.out(`${value}\n`)
  return value === 0 ? 1 : 0
}
