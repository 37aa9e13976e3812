// The panel's markup for given controller states (static render, no DOM): the confinement statement, the empty
// namespace, the live run, and the comparison with its differences.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ClusterPanel, ClusterPanelBody, ComparisonView } from '../../../src/ui/cluster/ClusterPanel.tsx'
import { ClusterController, type ClusterState } from '../../../src/ui/cluster/controller.ts'
import type { RunComparison } from '../../../src/sync/compare.ts'

const body = (state: ClusterState): string => renderToStaticMarkup(createElement(ClusterPanelBody, {
  controller: new ClusterController(), state, manifests: [], revision: 'abcdef0123', defaultServer: 'http://localhost:5173/k8s',
}))

describe('<ClusterPanel>', () => {
  it('is a collapsed "Connect to a cluster" panel; the proxy URL is filled in, the namespace is not', () => {
    const html = renderToStaticMarkup(createElement(ClusterPanel, { manifests: [], revision: 'abc',
      defaultServer: 'http://localhost:5173/k8s' }))
    expect(html).toMatch(/^<details class="panel cluster-panel"[^>]*><summary><strong>Connect to a cluster<\/strong><\/summary>/)
    expect(html).toContain('value="http://localhost:5173/k8s"')
    expect(html).toMatch(/<input [^>]*required=""[^>]*data-testid="cluster-namespace" value=""\/>/)
    expect(html).toContain('synclab works only in namespace <code>NS</code>: it labels what it creates')
    expect(html).toContain('and never deletes what it did not create.')
  })

  it('names the connected namespace, the server version, and asks before syncing', () => {
    const html = body({ connection: { server: 'http://x/k8s', namespace: 'demo', version: 'v1.32.0' }, error: 'boom' })
    expect(html).toContain('synclab works only in namespace <code>demo</code>')
    expect(html).toContain('Connected to Kubernetes <code>v1.32.0</code>')
    expect(html).toContain('<p class="cluster-error" role="alert" data-testid="cluster-error">boom</p>')
    expect(html).toMatch(/I understand synclab will create and change objects in namespace <code>demo<\/code>/)
    expect(html).toMatch(/<button class="primary" disabled=""[^>]*data-testid="cluster-sync"/)
  })

  it('shows the live operation: phase, message, result table, event lines', () => {
    const html = body({ connection: { server: 'http://x', namespace: 'demo' }, run: { revision: 'abc', phase: 'Running',
      message: 'waiting for completion of hook batch/Job/before', running: true, lines: ['00:00  operation 1  Running'], events: [], pods: [], now: 1500,
      results: [{ group: 'batch', version: 'v1', kind: 'Job', namespace: 'demo', name: 'before', status: 'Synced',
        hookType: 'PreSync', hookPhase: 'Running', syncPhase: 'PreSync', message: 'job.batch/before created', images: [] }] } })
    expect(html).toContain('data-testid="cluster-phase" class="phase-Running">Running</dd>')
    expect(html).toContain('waiting for completion of hook batch/Job/before')
    expect(html).toContain('<td>Job</td><td>before</td><td>Synced</td><td>PreSync</td><td>Running</td><td>job.batch/before created</td>')
    expect(html).toContain('00:00  operation 1  Running')
    expect(html).not.toContain('Compare with the simulation') // only once the operation has ended
  })

  it('shows both timelines side by side and the differences, or that there are none', () => {
    const c: RunComparison = { same: false, differences: { order: [], outcome: ['operation 1: simulation Succeeded, cluster Failed: x'],
      deletions: [] }, timelines: [{ op: 1, a: { at: 0, step: 'PreSync wave 0 starts' }, b: { at: 100, step: 'PreSync wave 0 starts' } },
      { op: 1, b: { at: 1500, step: 'operation Failed: x' } }] }
    const html = renderToStaticMarkup(createElement(ComparisonView, { comparison: c }))
    expect(html).toContain('<th colSpan="2">SIMULATION</th><th colSpan="2">CLUSTER</th>')
    expect(html).toContain('<td class="at">0.0 s</td><td>PreSync wave 0 starts</td><td class="at">0.1 s</td><td>PreSync wave 0 starts</td>')
    expect(html).toContain('<tr class="differs"><td class="at">–</td><td></td><td class="at">1.5 s</td><td>operation Failed: x</td></tr>')
    expect(html).toContain('<h4>Differences in outcome</h4><ul><li>Operation 1: simulation Succeeded, cluster Failed: x</li></ul>')
    const same = renderToStaticMarkup(createElement(ComparisonView, { comparison: { ...c, same: true,
      differences: { order: [], outcome: [], deletions: [] } } }))
    expect(same).toContain('No differences in order, outcome or deletions.')
  })
})
