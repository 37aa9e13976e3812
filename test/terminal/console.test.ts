// The console takes what learners paste and type as bash and a tty do: `\` continues a command on the next line
// (the `> ` prompt), several pasted lines run one after another, each after the one before has ended.
import { describe, expect, it } from 'vitest'
import { openConsole } from '../../src/terminal/index.ts'
import { CREATE, terminal, type Term } from './helpers.ts'

/** A console on a screen that keeps what was written, and the commands it ran. */
function screen(t: Term) {
  let text = ''
  const ran: string[] = []
  const c = openConsole({ write: s => { text += s }, clear: () => { text = '' } },
    { context: () => t.ctx, onCommand: line => ran.push(line) })
  // What the learner sees: escape sequences dropped, each line as the terminal shows it after \r.
  const shown = () => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\r\n').map(l => l.split('\r').at(-1)!)
  return { c, ran, shown }
}

/** Lets the app that `argocd app create` makes come into being (promises, no virtual time). */
const settle = () => new Promise<void>(resolve => setTimeout(resolve, 10))

const TWO_LINES = CREATE.replace(' --dest-server', ' \\\n  --dest-server')

describe('console', () => {
  it('a two-line command pasted at once (joined by \\) runs as one command', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed(`${TWO_LINES.replace(/\n/g, '\r')}\r`)
    await settle()
    expect(ran).toEqual([CREATE.replace(' --dest-server', ' ' + ' '.repeat(2) + '--dest-server')])
    expect(shown()).toContain("application 'argo-hook-learner' created")
    expect(shown().at(-1)).toBe('learner@synclab:~$ ')
  })

  it('typed line by line: the > prompt asks for the rest, as bash does', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed('echo "one\r')
    expect(shown().at(-1)).toBe('> ')
    expect(ran).toEqual([])
    c.feed('two" \\\r')
    expect(shown().at(-1)).toBe('> ')
    c.feed('three\r')
    expect(ran).toEqual(['echo "one\ntwo" three'])
    expect(shown().slice(-3)).toEqual(['one', 'two three', 'learner@synclab:~$ '])
  })

  it('Ctrl+C drops a continued command', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed("echo 'open\r")
    c.feed('\x03')
    expect(shown().at(-1)).toBe('learner@synclab:~$ ')
    c.feed('echo done\r')
    expect(ran).toEqual(['echo done'])
  })

  it('pasted lines run one after another: the next waits until a streaming sync has ended', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed(`${CREATE}\r`)
    await settle()
    c.feed('argocd app sync argo-hook-learner\rkubectl get jobs --namespace learner\recho $USER\r')
    expect(ran).toEqual([CREATE, 'argocd app sync argo-hook-learner'])
    await t.runUntil(() => ran.length === 4)
    expect(ran.slice(2)).toEqual(['kubectl get jobs --namespace learner', 'echo $USER'])
    const out = shown()
    const phase = out.findIndex(l => l.startsWith('Phase:'))
    expect(out[phase]).toMatch(/Succeeded/)
    expect(out.findIndex(l => l === 'learner')).toBeGreaterThan(phase)
  })

  it('Ctrl+C stops a watch and drops what was pasted after it', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed('kubectl get pods --namespace learner --watch\recho later\r')
    await t.advance(1000)
    c.feed('\x03')
    expect(ran).toEqual(['kubectl get pods --namespace learner --watch'])
    expect(shown().at(-1)).toBe('learner@synclab:~$ ')
  })

  it('&& and || decide by the exit code; ; always runs on', async () => {
    const t = await terminal()
    const { c, ran } = screen(t)
    c.feed('argocd app get nope && echo no || echo yes; echo end\r')
    expect(ran).toEqual(['argocd app get nope', 'echo yes', 'echo end'])
  })

  it('a y/n question takes the next pasted line as its answer, then the rest runs', async () => {
    const t = await terminal()
    const { c, ran, shown } = screen(t)
    c.feed(`${CREATE}\r`)
    await settle()
    c.feed('argocd app delete argo-hook-learner\rn\recho after\r')
    expect(shown()).toContain('after')
    expect(ran).toEqual([CREATE, 'argocd app delete argo-hook-learner', 'echo after'])
  })

  it('Tab on a > line completes with the command\'s earlier lines in mind', async () => {
    const t = await terminal()
    const { c, shown } = screen(t)
    c.feed('argocd app create argo-hook-learner \\\r')
    c.feed('  --dest-ser\t')
    expect(shown().at(-1)).toBe('>   --dest-server ')
  })

  it('history keeps a continued command as one entry', async () => {
    const t = await terminal()
    const { c, shown } = screen(t)
    c.feed('echo a \\\rb\rhistory\r')
    expect(shown()).toContain('    1  echo a b')
  })
})
