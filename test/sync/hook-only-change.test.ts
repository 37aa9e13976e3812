// A commit that changes only hooks leaves the app Synced: hooks are not part of the sync status
// (AC controller/state.go CompareAppState). hookOnlyChange names those hooks for the views.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { hookOnlyChange } from '../../src/sync/hook-only-change.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { settingsOf } from '../../src/sync/task.ts'
import { labManifests } from '../ui/timeline/lab.ts'

const edit = (objs: KubeObject[], name: string, f: (o: KubeObject) => KubeObject) =>
  objs.map(o => (o.metadata.name === name ? f(o) : o))
const isHook = (o: KubeObject) => settingsOf(o).isHook // R2
const sleep = (o: KubeObject, s: string) => JSON.parse(JSON.stringify(o).replace('"10"', `"${s}"`)) as KubeObject

describe('hookOnlyChange', () => {
  const before = labManifests()

  it('names the hooks changed, added or removed when nothing else changed', () => {
    expect(hookOnlyChange(before, edit(before, 'before', o => sleep(o, '20')), isHook)).toEqual(['Job/before'])
    expect(hookOnlyChange(before, before.filter(o => o.metadata.name !== 'after'), isHook)).toEqual(['Job/after'])
  })

  it('answers nothing when a non-hook changed too, or when nothing changed', () => {
    const both = edit(edit(before, 'before', o => sleep(o, '20')), 'pre-post-sync-hook',
      o => (o.kind === 'Service' ? { ...o, metadata: { ...o.metadata, labels: { x: 'y' } } } : o))
    expect(hookOnlyChange(before, both, isHook)).toBeUndefined()
    expect(hookOnlyChange(before, labManifests(), isHook)).toBeUndefined()
  })

  it('agrees with the sync status: after a hook-only commit the synced app stays Synced', async () => {
    const sim = new Simulation({ seed: 'hook-only' })
    const app = await sim.createApp('app', 'default')
    app.setRevision({ revision: 'a'.repeat(40), manifests: before })
    app.sync()
    await sim.runOperation(app)
    await sim.advance(5_000)
    const next = edit(before, 'after', o => sleep(o, '30'))
    app.setRevision({ revision: 'b'.repeat(40), manifests: next })
    await sim.advance(0)
    expect(app.status().sync).toBe('Synced')
    expect(hookOnlyChange(app.currentOperation!.op.env.source.targets, next, isHook)).toEqual(['Job/after'])
  })
})
