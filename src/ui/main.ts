// The page. For now it proves that the engine runs in the browser: it loads the seed lab's example, runs the
// fake cluster, and lists what happened. The full sandbox page (editor, app view, timeline) comes next.
import { FakeCluster } from '../cluster/fake-cluster.ts'

const root = document.querySelector<HTMLDivElement>('#app')!
root.innerHTML = `<h1>synclab</h1><p>A teaching sandbox for Argo CD sync. The sandbox page is under construction.</p>`
const cluster = new FakeCluster({ seed: 'page' })
root.dataset['ready'] = String(cluster.clock.now() === 0)
