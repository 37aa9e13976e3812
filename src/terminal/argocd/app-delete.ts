// `argocd app delete APP [--cascade] [-p foreground|background] [-y] [--wait]`: asks first unless `-y`, as the CLI
// does.
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { fail, fatal, out } from '../common.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult, TerminalContext } from '../types.ts'

export function del(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const cascadeFlag = str(f, 'cascade')
  const cascade = cascadeFlag === undefined ? true : !/^(false|0|f)$/i.test(cascadeFlag)
  const policy = (str(f, 'propagation-policy') ?? 'foreground').toLowerCase()
  if (policy !== 'foreground' && policy !== 'background') {
    return fail(fatal(`invalid propagation policy: ${policy}`))
  }
  const go = (): CommandResult => {
    app.delete({ cascade, propagation: policy === 'background' ? 'Background' : 'Foreground' })
    ctx.onActivity?.('delete')
    const deleted = `application '${app.name}' deleted`
    if (!bool(f, 'wait')) return out([deleted])
    return { lines: [], exitCode: 0, watch: {
      start(emit, done) {
        let finished = false
        const cleanups: Array<() => void> = []
        const check = () => {
          if (finished || !app.deleted) return
          finished = true
          for (const c of cleanups.splice(0)) c()
          emit(deleted)
          done(0)
        }
        cleanups.push(sim.fake.store.watch(check))
        if (ctx.onTime) cleanups.push(ctx.onTime(check))
        check()
        return () => {
          finished = true
          for (const c of cleanups.splice(0)) c()
        }
      },
    } }
  }
  if (bool(f, 'yes')) return go()
  const question = cascade ? `Are you sure you want to delete '${app.name}' and all its resources? [y/n] `
    : `Are you sure you want to delete '${app.name}'? [y/n] `
  const ask = (): CommandResult => ({ lines: [], exitCode: 0, prompt: { question, answer: line => {
    const a = line.trim().toLowerCase()
    if (a === 'y') return go()
    if (a === 'n') return out([`The command to delete '${app.name}' was cancelled.`])
    return ask()
  } } })
  return ask()
}
