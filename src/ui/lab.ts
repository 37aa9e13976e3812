// The lab the page opens with: the seed lab's example application, read from the project's labs/ folder at build
// time (no network at run time).
import type { SourceFile } from '../manifest/index.ts'

const files = import.meta.glob('../../labs/01-resource-hooks/repo/pre-post-sync-hook/*.yaml',
  { query: '?raw', import: 'default', eager: true }) as Record<string, string>

export const LAB = {
  id: '01-resource-hooks',
  title: 'Resource hooks',
  appName: 'argo-hook',
  namespace: 'learner',
  path: 'pre-post-sync-hook',
}

/** The lab's files in the order the example repository lists them. */
export function labFiles(): SourceFile[] {
  const order = ['pre-sync-job.yaml', 'deployment.yaml', 'svc.yaml', 'post-sync-job.yaml']
  return Object.entries(files)
    .map(([path, text]) => ({ path: `${LAB.path}/${path.split('/').at(-1)}`, text }))
    .sort((a, b) => order.indexOf(a.path.split('/')[1]!) - order.indexOf(b.path.split('/')[1]!))
}
