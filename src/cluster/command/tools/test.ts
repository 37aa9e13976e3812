// test / [: the conditions scripts branch on (strings, integers, files).

import type { Proc } from '../machine.ts'

const DIRS = new Set(['/', '/tmp', '/etc', '/bin', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/var', '/root', '/home', '/dev', '/proc'])

class TestError {
  readonly message: string
  constructor(message: string) {
    this.message = message
  }
}

function int(s: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`)
  return Number(s)
}

function unary(op: string, arg: string, p: Proc): boolean | undefined {
  switch (op) {
    case '-z': return arg === ''
    case '-n': return arg !== ''
    case '-e': case '-r': case '-w': case '-s': case '-f':
      return p.m.files.has(arg) ? (op !== '-s' || p.m.files.get(arg) !== '') : (op === '-e' || op === '-r' || op === '-w') && DIRS.has(arg)
    case '-d': return DIRS.has(arg.replace(/(.)\/$/, '$1'))
    case '-x': return p.m.image.binaries.has(arg.slice(arg.lastIndexOf('/') + 1)) && arg.includes('/')
    case '-L': case '-h': case '-p': case '-S': case '-b': case '-c': case '-t': return false
    default: return undefined
  }
}

function binary(a: string, op: string, b: string): boolean | undefined {
  switch (op) {
    case '=': case '==': return a === b
    case '!=': return a !== b
    case '<': return a < b
    case '>': return a > b
    case '-eq': return int(a) === int(b)
    case '-ne': return int(a) !== int(b)
    case '-lt': return int(a) < int(b)
    case '-le': return int(a) <= int(b)
    case '-gt': return int(a) > int(b)
    case '-ge': return int(a) >= int(b)
    default: return undefined
  }
}

function evaluate(args: string[], p: Proc): boolean {
  const or = args.indexOf('-o')
  if (or > 0) return evaluate(args.slice(0, or), p) || evaluate(args.slice(or + 1), p)
  const and = args.indexOf('-a')
  if (and > 0) return evaluate(args.slice(0, and), p) && evaluate(args.slice(and + 1), p)
  if (args[0] === '!' && args.length > 1) return !evaluate(args.slice(1), p)
  if (args[0] === '(' && args[args.length - 1] === ')') return evaluate(args.slice(1, -1), p)
  const [a, b, c] = args
  if (args.length === 0) return false
  if (args.length === 1) return a !== ''
  if (args.length === 2) {
    const r = unary(a!, b!, p)
    if (r === undefined) throw new TestError(`${a}: unary operator expected`)
    return r
  }
  if (args.length === 3) {
    const r = binary(a!, b!, c!)
    if (r === undefined) throw new TestError(`${b}: binary operator expected`)
    return r
  }
  throw new TestError('too many arguments')
}

/**
 * Runs test or [ (or bash's [[). `prefix` starts error messages the way the caller's shell does
 * (`bash: line 1: `); exit 0 true, 1 false, 2 error.
 */
export function runTest(argv: string[], p: Proc, prefix = ''): number {
  const name = argv[0] ?? 'test'
  let args = argv.slice(1)
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]'
    if (args[args.length - 1] !== close) {
      p.io.err(`${prefix}${name}: missing \`${close}'\n`)
      return 2
    }
    args = args.slice(0, -1).map(a => (a === '&&' ? '-a' : a === '||' ? '-o' : a))
  }
  try {
    return evaluate(args, p) ? 0 : 1
  } catch (e) {
    if (!(e instanceof TestError)) throw e
    p.io.err(`${prefix}${name}: ${e.message}\n`)
    return 2
  }
}
