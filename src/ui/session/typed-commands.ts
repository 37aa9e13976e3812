// A line typed in the page's terminal acts on the live run at once. One that may change the cluster also joins the
// action log once its y/n questions are answered (with the answers), so that a rebuilt run (time travel, reload)
// replays it; and the page follows what the line did (an application just made, else one just synced, is shown).
// Apart from the session, which only says what the log and the selection are.
import type { CommandResult, TerminalContext } from '../../contract/terminal.ts'
import type { Application } from '../../sync/application.ts'
import type { CommandAction } from './actions.ts'
import type { Run } from './run.ts'
import type { Shell } from './shell.ts'

/** What a typed line reads and changes of the session. */
export interface CommandHost {
  live(): Run
  selected(): string | undefined
  /** Shows the application of that name. */
  select(name: string): void
  /** Adds a line that acted on the live run already to the action log. */
  log(action: CommandAction): void
}

/** Runs `line` on the live run; `shell` is the interpreter, which comes with the terminal (shell.ts). */
export function runTypedCommand(host: CommandHost, line: string, ctx: TerminalContext,
  shell: Pick<Shell, 'runCommand' | 'changesCluster'>): CommandResult {
  const before = new Map(host.live().sim.apps.map(a => [a, a.operations.length]))
  const result = shell.runCommand(line, ctx)
  follow(host, before, result)
  return shell.changesCluster(line, ctx) ? logCommand(host, line, [], result) : result
}

function logCommand(host: CommandHost, line: string, answers: string[], result: CommandResult): CommandResult {
  const prompt = result.prompt
  if (prompt) {
    return { ...result, prompt: { question: prompt.question,
      answer: answer => logCommand(host, line, [...answers, answer], prompt.answer(answer)) } }
  }
  const live = host.live()
  const action: CommandAction = { type: 'command', t: live.now, line, ...(answers.length > 0 ? { answers } : {}) }
  // The command has already acted on the live run: only rebuilt runs perform it.
  live.markPerformed(action)
  host.log(action)
  return result
}

/** The application the line made, else one it synced, is shown (now for a sync, once its work is done for a create). */
function follow(host: CommandHost, before: Map<Application, number>, result: CommandResult): void {
  const pick = () => {
    const sim = host.live().sim
    const made = sim.apps.find(a => !before.has(a) && !a.deleted)
    const synced = sim.apps.find(a => (before.get(a) ?? 0) < a.operations.length)
    const app = made ?? synced
    if (app && app.name !== host.selected()) host.select(app.name)
  }
  pick()
  void result.pending?.then(pick)
}
