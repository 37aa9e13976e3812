import { describe, expect, it } from 'vitest'
import { FlagError, type FlagSpec, parseFlags } from '../../src/terminal/flags.ts'

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'strings' },
]

describe('flags as pflag reads them (kubectl, argocd)', () => {
  it.each([
    [['get', 'pods', '--namespace', 'learner'], 'learner'],
    [['get', 'pods', '--namespace=learner'], 'learner'],
    [['get', '-n', 'learner', 'pods'], 'learner'],
    [['-nlearner', 'get', 'pods'], 'learner'],
    [['get', 'pods', '-n=learner'], 'learner'],
  ])('%j gives namespace learner and keeps the arguments in order', (argv, ns) => {
    const parsed = parseFlags(argv, SPECS)
    expect(parsed.flags.namespace).toBe(ns)
    expect(parsed.args).toEqual(['get', 'pods'])
  })

  it('groups short booleans, and a string short flag ends the group with its value', () => {
    expect(parseFlags(['-Aw'], SPECS).flags).toEqual({ 'all-namespaces': true, watch: true })
    expect(parseFlags(['-wnlearner'], SPECS).flags).toEqual({ watch: true, namespace: 'learner' })
  })

  it('reads --bool=false with Go\'s ParseBool and refuses other words', () => {
    expect(parseFlags(['--watch=false'], SPECS).flags.watch).toBe(false)
    expect(parseFlags(['--watch=1'], SPECS).flags.watch).toBe(true)
    expect(() => parseFlags(['--watch=maybe'], SPECS)).toThrow(
      'invalid argument "maybe" for "--watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax')
  })

  it('collects repeated and comma-separated list flags', () => {
    expect(parseFlags(['-l', 'a=1,b=2', '--selector', 'c=3'], SPECS).flags.selector).toEqual(['a=1', 'b=2', 'c=3'])
  })

  it('stops at -- and keeps what follows as arguments', () => {
    expect(parseFlags(['exec', '--', 'sh', '-c', 'ls -w'], SPECS)).toEqual({ args: ['exec', 'sh', '-c', 'ls -w'], flags: {} })
  })

  it('answers unknown and incomplete flags with pflag\'s messages', () => {
    expect(() => parseFlags(['--bogus'], SPECS)).toThrow(new FlagError('unknown flag: --bogus'))
    expect(() => parseFlags(['-wx'], SPECS)).toThrow("unknown shorthand flag: 'x' in -wx")
    expect(() => parseFlags(['get', '--namespace'], SPECS)).toThrow('flag needs an argument: --namespace')
    expect(() => parseFlags(['get', '-n'], SPECS)).toThrow("flag needs an argument: 'n' in -n")
  })
})
