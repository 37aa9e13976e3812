// Every boxed command (```bash) in every lab's instructions and hints runs as written when pasted into the page's
// terminal, after `+username+` became the learner's name: on the page's own session for that lab, through the
// console (continuation lines, several lines at once), with no parse error and no unknown command or flag.
import { describe, expect, it } from 'vitest'
import { labDirs, loadLabDir } from '../../src/labs/load.ts'
import { repoFiles } from '../../src/labs/parse.ts'
import type { Lab } from '../../src/labs/types.ts'
import { openConsole } from '../../src/terminal/index.ts'
import { splitCommands } from '../../src/terminal/shell-syntax.ts'
import { Session } from '../../src/ui/session/session.ts'
import { provideShell } from '../../src/ui/session/shell.ts'
import * as shell from '../../src/terminal/interpreter.ts'

provideShell(() => import('../../src/terminal/index.ts'))

const USER = 'ana'

/** The ```bash blocks of a lab's tasks, in the order a learner meets them (instructions, then hints). */
function boxedCommands(lab: Lab): Array<{ where: string; text: string }> {
  const blocks: Array<{ where: string; text: string }> = []
  for (const task of lab.tasks) {
    const texts = [['instructions', task.instructions], ...task.hints.map((h, i) => [`hint ${i + 1}`, h])]
    for (const [where, text] of texts) {
      for (const m of text!.matchAll(/^([ \t]*)```bash\n([\s\S]*?)^[ \t]*```/gm)) {
        const indent = m[1]!.length
        const body = m[2]!.split('\n').map(l => l.slice(indent)).join('\n')
        blocks.push({ where: `${lab.id} ${task.id} ${where}`, text: body })
      }
    }
  }
  return blocks
}

/** What a parse error, an unknown command or an unknown flag look like in bash, argocd and kubectl. */
const NOT_UNDERSTOOD = /unknown (command|flag|shorthand flag)|syntax error|command not found|does not support|unexpected end of file|bad substitution|internal error|accepts \d+ arg/

async function pageSession(lab: Lab): Promise<Session> {
  const labFiles = [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text }))
  const s = new Session({ seed: lab.seed, appName: lab.app.name, appPath: lab.app.path, namespace: lab.app.namespace,
    waveDelayMs: lab.app.waveDelayMs, syncPolicy: lab.app.syncPolicy, labFiles, storageKey: `test:${lab.id}` })
  await s.whenReady()
  return s
}

describe('the labs\' boxed commands run as pasted', () => {
  const labs = labDirs('labs').map(dir => loadLabDir(dir, undefined, { user: USER }).lab!)

  it('every lab has its commands found (the extraction itself works)', () => {
    const all = labs.flatMap(boxedCommands)
    expect(all.length).toBeGreaterThanOrEqual(8)
    expect(all.map(b => b.text).join('\n')).toContain('argocd app create argo-hook --repo')
    expect(all.map(b => b.text).join('\n')).not.toContain('+username+')
  })

  for (const lab of labs) {
    const blocks = boxedCommands(lab)
    if (blocks.length === 0) continue
    it(`${lab.id}: ${blocks.length} block(s)`, async () => {
      const s = await pageSession(lab)
      let screen = ''
      const ran: string[] = []
      const context = { ...s.terminalContext(), onActivity: () => s.play(20), onTime: (l: () => void) => s.subscribe(l) }
      const c = openConsole({ write: t => { screen += t }, clear: () => {} }, {
        context: () => context, run: (line, ctx) => s.runCommand(line, ctx, shell), onCommand: line => ran.push(line) })
      for (const block of blocks) {
        const list = splitCommands(block.text)
        expect(list.status, block.where).toBe('complete')
        const expected = list.status === 'complete' ? list.commands.length : 0
        const before = ran.length
        screen = ''
        c.feed(block.text.replace(/\n/g, '\r'))
        // Let virtual time pass until every command of the block has run and the prompt is back; a question is
        // answered yes, a watch (which never ends by itself) is stopped with Ctrl+C after a while.
        const shown = () => screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
        for (let i = 0; i < 100; i++) {
          const done = ran.length - before === expected && shown().endsWith(`${USER}@synclab:~$ `)
          if (done) break
          if (/\[y\/n\] $/.test(shown())) c.feed('y\r')
          else if (/--watch|-w\b/.test(ran.at(-1) ?? '') && i > 5) c.feed('\x03')
          s.play(20)
          await s.tick(1000)
          await new Promise(resolve => setTimeout(resolve, 0))
        }
        const out = shown()
        if (process.env.SHOW_LAB_COMMANDS) console.log(block.where, ran.slice(before), out)
        expect(ran.length - before, `${block.where}: every command ran\n${out}`).toBe(expected)
        expect(out.endsWith(`${USER}@synclab:~$ `), `${block.where}: the prompt is back\n${out}`).toBe(true)
        expect(out, block.where).not.toMatch(NOT_UNDERSTOOD)
        expect(out, block.where).not.toMatch(/FATA\[\d+\].*(InvalidArgument|Unknown)/)
        if (/argocd app create/.test(block.text)) expect(out, block.where).toMatch(/application '[^']+' (unchanged|created)/)
      }
    }, 60_000)
  }
})
