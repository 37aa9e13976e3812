// `argocd app terminate-op APP`: stops the running operation.
import type { Application } from '../../sync/application.ts'
import { fail, fatal, out } from '../common.ts'
import type { CommandResult, TerminalContext } from '../types.ts'

export function terminate(app: Application, ctx: TerminalContext): CommandResult {
  if (!app.operationRunning) {
    return fail(fatal('rpc error: code = InvalidArgument desc = Unable to terminate operation. No operation is in progress'))
  }
  app.terminate()
  ctx.onActivity?.('terminate')
  return out([`Application '${app.name}' operation terminating`])
}
