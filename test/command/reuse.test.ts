// A container's run is reused for every Pod of the same spec only when it read nothing of its context
// (src/cluster/command/context-use.ts): whatever a run read (its start time, the hostname, the network), another
// Pod of the same spec gets a run of its own, the same as if no run had been kept.
import { describe, expect, it } from 'vitest'
import { type ContainerCommandSpec, runContainer, type RunContext } from '../../src/cluster/command/index.ts'
import { IMAGES, type ImageEntry } from '../../src/cluster/images.ts'

const first = (image: ImageEntry): RunContext =>
  ({ startedAt: 0, hostname: 'web-0', unreachableHosts: [], namespace: 'default', image })
const second = (image: ImageEntry): RunContext => ({
  startedAt: 3_723_000, hostname: 'db-1', unreachableHosts: ['acend.ch', 'example.com', 'web'], namespace: 'other', image,
  resolveHost: host => (host === 'db' ? true : host === 'web' ? false : undefined),
})

/** Commands that read the hostname, the time or the network in every way a program can, and some that read none. */
const COMMANDS: string[][] = [
  ['hostname'], ['uname', '-a'], ['cat', '/etc/hostname'], ['cat', '/etc/hosts'], ['head', '-n', '3', '/etc/hosts'],
  ['tail', '/etc/hostname'], ['wc', '/etc/hostname'], ['grep', 'db', '/etc/hosts'], ['printenv', 'HOSTNAME'],
  ['printenv'], ['env'], ['env', 'printenv', 'HOSTNAME'], ['date'], ['date', '+%s'], ['sh', '-c', 'echo $HOSTNAME'],
  ['bash', '-c', 'date; hostname'], ['sh', '-c', 'cat /etc/hostname'], ['wget', '-q', '-O-', 'http://acend.ch'],
  ['curl', '-s', 'https://example.com'], ['curl', '-s', 'http://web'], ['nslookup', 'db'], ['nc', '-z', 'web', '80'],
  ['pg_isready', '-h', 'db'], ['test', '-s', '/etc/hostname'], ['sleep', '5'], ['echo', 'hello'], ['false'],
  ['no-such-binary'],
]

let unique = 0

/**
 * Runs `argv` as one spec in the first context, then in the second, and compares the second with a run of an
 * equivalent spec (the same argv split into command and args: another key) made fresh in the second context.
 */
function expectOwnRun(image: ImageEntry, argv: string[]): void {
  // A value of its own, so that no earlier case kept a run under either key.
  const env = [{ name: 'CASE', value: String(unique++) }]
  const whole: ContainerCommandSpec = { image: image.name, command: argv, env }
  const split: ContainerCommandSpec = { image: image.name, command: argv.slice(0, 1), args: argv.slice(1), env }
  const fresh = runContainer(split, second(image))
  runContainer(whole, first(image))
  expect(runContainer(whole, second(image)), `${image.name}: ${argv.join(' ')}`).toEqual(fresh)
}

describe('a container run is reused only when it read nothing of its context', () => {
  it('gives each context its own run for every command of every image', () => {
    for (const image of IMAGES) for (const argv of COMMANDS) expectOwnRun(image, argv)
  })

  it("gives each context its own run of every image's default command", () => {
    for (const image of IMAGES) {
      const argv = [...image.entrypoint, ...image.cmd]
      if (argv.length > 0) expectOwnRun(image, argv)
    }
  })

  it('reuses a run that read nothing of its context (sleep)', () => {
    const busybox = IMAGES.find(i => i.name === 'busybox')!
    const spec: ContainerCommandSpec = { image: 'busybox', command: ['sleep', '7'] }
    const run = runContainer(spec, first(busybox))
    expect(runContainer(spec, second(busybox))).toBe(run)
    expect(run.end).toEqual({ atMs: 7000, exitCode: 0 })
  })

  it('never reuses an exec probe run (it sees the files and ports of its time)', () => {
    const busybox = IMAGES.find(i => i.name === 'busybox')!
    const spec: ContainerCommandSpec = { image: 'busybox', command: ['cat', '/tmp/ready'] }
    const before = runContainer(spec, { ...first(busybox), files: new Map() })
    const after = runContainer(spec, { ...first(busybox), files: new Map([['/tmp/ready', 'yes\n']]) })
    expect(before.end).toMatchObject({ exitCode: 1 })
    expect(after.end).toMatchObject({ exitCode: 0 })
    expect(after.output.map(o => o.text).join('')).toBe('yes\n')
  })
})
