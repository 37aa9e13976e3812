// The page. Until the sandbox page lands, it shows the simulated cluster running in the browser: a Job from the
// seed lab runs on the fake cluster and the page lists its Pod's changes as `kubectl get pod --watch` would.
import { FakeCluster } from '../cluster/fake-cluster.ts'
import type { Pod } from '../cluster/objects.ts'

const root = document.querySelector<HTMLDivElement>('#app')!
const cluster = new FakeCluster({ seed: 'page' })
const lines: string[] = []
cluster.watch(e => {
  if (e.object.kind !== 'Pod' || e.type === 'DELETED') return
  const pod = e.object as Pod
  const state = pod.status?.containerStatuses?.[0]?.state
  const status = state?.waiting?.reason ?? (state?.terminated ? (state.terminated.exitCode === 0 ? 'Completed' : 'Error')
    : pod.status?.phase ?? 'Pending')
  const line = `${(cluster.now() / 1000).toFixed(1).padStart(5)}s  ${pod.metadata.name}  ${status}`
  if (lines.at(-1)?.endsWith(`  ${status}`) !== true) lines.push(line)
})
cluster.apply({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'before', namespace: 'default' },
  spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
    containers: [{ name: 'sleep', image: 'quay.io/acend/example-web-go', command: ['sleep', '10'] }] } } },
})
cluster.runUntilIdle()

root.innerHTML = `
  <h1>synclab</h1>
  <p>A teaching sandbox for Argo CD sync: hooks, waves and delete policies on a simulated cluster.</p>
  <h2>The simulated cluster, in your browser</h2>
  <p>Job <code>before</code> (<code>sleep 10</code> in <code>quay.io/acend/example-web-go</code>), as
  <code>kubectl get pod --watch</code> shows it:</p>
  <pre data-testid="pod-watch"></pre>`
root.querySelector('pre')!.textContent = lines.join('\n')
root.dataset['ready'] = 'true'
