// The log view's data: every Pod of the run with its containers' lines and their times, gone Pods included, with
// what removed them; and `kubectl logs` on the same run keeps the real behaviour (NotFound once the Pod is gone).
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import * as shell from '../../../src/terminal/interpreter.ts'
import { clockTime } from '../../../src/ui/events/watch-lines.ts'
import { containerLogs, goneMark, logLineText, podLogEntries, timedLines } from '../../../src/ui/logs/pod-logs.ts'
import type { Run } from '../../../src/ui/session/run.ts'
import { Session } from '../../../src/ui/session/session.ts'


/** The seed lab, its PreSync hook printing two lines two seconds apart; synced to the end. */
async function syncedSession(): Promise<Session> {
  const s = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', storageKey: 'lab',
    labFiles: readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook']) })
  await s.whenReady()
  const job = s.files.find(f => f.path.endsWith('pre-post-sync-hook/pre-sync-job.yaml'))!
  s.edit(job.path, job.text.replace('["sleep", "10"]', '["sh", "-c", "echo migrating the schema; sleep 2; echo done"]'))
  expect(s.commit('Hook prints')).toBeDefined()
  s.sync()
  await s.toEnd()
  return s
}

const entries = (run: Run) => podLogEntries(run.logs, run.sim.apps.flatMap(a => a.events), run.now)
const hookPod = (run: Run) => entries(run).find(p => p.owner === 'Job/before')!

describe('pod logs', () => {
  it('a hook Pod deleted with its Job by HookSucceeded (R34) keeps its lines and times, marked as gone', async () => {
    const s = await syncedSession()
    const run = s.live
    const pods = entries(run)
    expect(pods.map(p => p.owner)).toEqual(['Job/before', 'ReplicaSet/' + pods[1]!.owner!.split('/')[1], 'Job/after'])
    const pod = hookPod(run)
    const deletion = run.app!.events.find(e => e.type === 'delete' && e.name === 'before')!
    expect(deletion).toMatchObject({ kind: 'Job', reason: 'HookSucceeded' })
    expect(pod.goneAt).toBe(deletion.t)
    expect(pod.removedBy).toEqual({ t: deletion.t, reason: 'HookSucceeded', object: 'Job/before' })
    expect(goneMark(pod, clockTime)).toBe('deleted at 00:' + String(Math.floor(deletion.t / 1000)).padStart(2, '0') +
      ' by HookSucceeded: on a real cluster these logs are gone')
    const [container] = containerLogs(run.logs, pod.uid)
    expect(container!.container).toBe('sleep')
    const lines = container!.runs[0]!.lines
    expect(lines.map(l => l.text)).toEqual(['migrating the schema', 'done'])
    expect(lines[1]!.t - lines[0]!.t).toBe(2000)
    expect(lines[0]!.t).toBe(container!.runs[0]!.startedAt)
    expect(logLineText(lines[0]!, clockTime)).toMatch(/^00:\d\d {2}migrating the schema$/)
    // The Deployment's Pod is still there: no mark; its server logs that it listens.
    const web = entries(run).find(p => p.owner?.startsWith('ReplicaSet/'))!
    expect(goneMark(web, clockTime)).toBeUndefined()
    expect(containerLogs(run.logs, web.uid)[0]!.runs[0]!.lines.map(l => l.text).join('\n')).toMatch(/Listening on :5000/)
  })

  it('at a past moment the Pod is there, with the lines printed so far', async () => {
    const s = await syncedSession()
    const pod = hookPod(s.live)
    const [first] = containerLogs(s.live.logs, pod.uid)[0]!.runs[0]!.lines
    await s.seek(first!.t + 1000)
    const past = hookPod(s.shown)
    expect(past.goneAt).toBeUndefined()
    expect(goneMark(past, clockTime)).toBeUndefined()
    expect(containerLogs(s.shown.logs, past.uid)[0]!.runs[0]!.lines.map(l => l.text)).toEqual(['migrating the schema'])
    // And forward again to the end: gone, marked.
    await s.seek(s.live.now)
    expect(goneMark(hookPod(s.shown), clockTime)).toMatch(/by HookSucceeded/)
  })

  it('kubectl logs of the deleted hook Pod says NotFound, as on a real cluster; of the live Pod it prints the log', async () => {
    const s = await syncedSession()
    const pod = hookPod(s.live)
    const type = (line: string) => s.runCommand(line, s.terminalContext(), shell).lines
    expect(type(`kubectl logs ${pod.name} -n learner`)).toEqual([`Error from server (NotFound): pods "${pod.name}" not found`])
    expect(type('kubectl logs job/before -n learner')).toEqual(['Error from server (NotFound): jobs.batch "before" not found'])
    const web = entries(s.live).find(p => p.owner?.startsWith('ReplicaSet/'))!
    expect(type(`kubectl logs ${web.name} -n learner`).join('\n')).toMatch(/Listening on :5000/)
  })

  it('output chunks become lines with the time of their first character; empty lines stay', () => {
    const chunks = [{ atMs: 0, stream: 'stdout' as const, text: 'a' }, { atMs: 500, stream: 'stdout' as const, text: 'b\n\nc\n' },
      { atMs: 900, stream: 'stderr' as const, text: 'err\n' }]
    expect(timedLines(chunks, 1000)).toEqual([
      { t: 1000, stream: 'stdout', text: 'ab' }, { t: 1500, stream: 'stdout', text: '' },
      { t: 1500, stream: 'stdout', text: 'c' }, { t: 1900, stream: 'stderr', text: 'err' }])
  })
})
