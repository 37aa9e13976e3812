// `argocd app wait APP [--sync] [--health] [--operation] [--suspended] [--degraded] [--timeout N]`.
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { waitWatch } from './wait-watch.ts'

export function wait(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const any = ['sync', 'health', 'operation', 'suspended', 'degraded'].some(k => bool(f, k))
  const want = (k: string) => !any || bool(f, k)
  const timeout = Number(str(f, 'timeout') ?? '0')
  ctx.onActivity?.('watch')
  return { lines: [], exitCode: 0, watch: waitWatch(app, sim, ctx, {
    record: app.currentOperation, timeoutMs: timeout > 0 ? timeout * 1000 : undefined,
    ready: () => {
      if (want('operation') && app.operationRunning) return false
      const st = app.status()
      if (want('sync') && st.sync !== 'Synced') return false
      if (bool(f, 'degraded') && st.health === 'Degraded') return true
      if (bool(f, 'suspended') && st.health === 'Suspended') return true
      if ((want('health') && !bool(f, 'degraded') && !bool(f, 'suspended')) && st.health !== 'Healthy') return false
      return true
    } }) }
}
