// What `app sync` and `app wait` print while they wait (argo-cd waitOnApplicationStatus): the streaming table, then
// the summary, the Operation block, the final resource table and the exit code.
import type { Application, OperationRecord } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import type { ResourceKey } from '../../sync/types.ts'
import { formatResources, StreamRecorder, streamTimestamp, waitLine } from '../../present/argocd-sync-output.ts'
import { tabwrite } from '../../present/go-format.ts'
import { fatal, textLines } from '../common.ts'
import type { CommandWatch, TerminalContext } from '../types.ts'
import { operationLines, resourceRows, summaryLines } from './app-summary.ts'

export interface WaitOptions {
  record: OperationRecord | undefined
  selected?: ResourceKey[] | undefined
  timeoutMs?: number | undefined
  ready(): boolean
}

/**
 * waitOnApplicationStatus: the streaming table (a row whenever a resource's Status/Health/Hook/Message changes,
 * once per virtual instant), then the summary, the Operation block and the final resource table.
 */
export function waitWatch(app: Application, sim: Simulation, ctx: TerminalContext, opts: WaitOptions): CommandWatch {
  return {
    start(emit, done) {
      const fake = sim.fake
      const startedAt = fake.now()
      const recorder = new StreamRecorder()
      let headerShown = false
      let finished = false
      const cleanups: Array<() => void> = []
      const stop = () => {
        finished = true
        for (const c of cleanups.splice(0)) c()
      }
      const flush = () => {
        const before = recorder.flushes.length
        recorder.flush()
        if (recorder.flushes.length === before) return
        const { t, rows: changed } = recorder.flushes.at(-1)!
        const lines = changed.map(r => waitLine([streamTimestamp(t), r.group, r.kind, r.namespace, r.name, r.status,
          r.health, r.hook, r.message]))
        if (!headerShown) {
          headerShown = true
          lines.unshift(waitLine(['TIMESTAMP', 'GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE']))
        }
        for (const l of textLines(tabwrite(lines, 5, 2))) emit(l)
      }
      const observe = () => {
        if (finished) return
        const now = fake.now()
        // A sample of a new instant prints the previous one first.
        if (recorder.pendingAt !== undefined && recorder.pendingAt !== now) flush()
        recorder.observe(now, resourceRows(app, (opts.record ?? app.currentOperation)?.result(), opts.selected))
        if (opts.ready()) {
          flush()
          stop()
          const lines = ['', ...summaryLines(app, sim, ctx), '']
          const record = opts.record ?? app.currentOperation
          if (record) lines.push(...operationLines(record, fake.now()))
          const rows = resourceRows(app, record?.result(), opts.selected)
          if (app.status().resources.some(r => !r.hook)) lines.push('', ...textLines(formatResources(rows)))
          const phase = record?.result().phase
          let code = 0
          if (opts.record && phase !== 'Succeeded') {
            lines.push(fatal(`Operation has completed with phase: ${phase ?? ''}`, fake.now() - startedAt))
            code = 1
          }
          for (const l of lines) emit(l)
          done(code)
          return
        }
        if (opts.timeoutMs !== undefined && now - startedAt >= opts.timeoutMs) {
          flush()
          stop()
          emit(fatal(`timed out (${Math.round(opts.timeoutMs / 1000)}s) waiting for app "${app.name}" match desired state`,
            now - startedAt))
          done(1)
        }
      }
      const tick = () => {
        if (finished) return
        if (recorder.pendingAt !== undefined && recorder.pendingAt !== fake.now()) flush()
        observe()
      }
      cleanups.push(fake.store.watch(() => observe()))
      if (opts.record) {
        const sub = opts.record.actor.subscribe(() => observe())
        cleanups.push(() => sub.unsubscribe())
      }
      if (ctx.onTime) cleanups.push(ctx.onTime(tick))
      observe()
      return stop
    },
  }
}
