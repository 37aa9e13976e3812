// The application's comparison (R5 sync status, health) runs after every change to a tracked object: a resource
// whose live object is the same one as last time is not compared again, and the answer is the one a fresh compare
// gives.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { compareAppState } from '../../src/sync/app-status.ts'
import { liveKey } from '../../src/sync/tracking.ts'

const cm = (name: string, value: string, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}) }, data: { value } })
const liveMap = (objs: KubeObject[]) => new Map(objs.map(o => [liveKey(o), o]))
/** The same objects, new identities: nothing remembered applies. */
const fresh = <T>(x: T): T => structuredClone(x)

describe('compareAppState', () => {
  it('keeps the status of a resource whose live object did not change; compares again the one that did', () => {
    const targets = [cm('a', '1'), cm('b', '1')]
    const live = [cm('a', '1', 'ns'), cm('b', '1', 'ns')]
    const first = compareAppState(targets, liveMap(live), 'ns')
    expect(first.sync).toBe('Synced')
    // b is written (the store replaces the object): only b's status is new, and it is OutOfSync.
    const second = compareAppState(targets, liveMap([live[0]!, cm('b', '2', 'ns')]), 'ns')
    expect(second.resources[0]).toBe(first.resources[0])
    expect(second.resources[1]).not.toBe(first.resources[1])
    expect(second.resources[1]!.status).toBe('OutOfSync')
    expect(second.sync).toBe('OutOfSync')
    expect(second).toEqual(compareAppState(fresh(targets), fresh(liveMap([live[0]!, cm('b', '2', 'ns')])), 'ns'))
  })

  it('a target compared for another destination namespace is compared there', () => {
    const targets = [cm('a', '1')]
    expect(compareAppState(targets, liveMap([cm('a', '1', 'one')]), 'one').resources.map(r => r.status)).toEqual(['Synced'])
    const other = compareAppState(targets, liveMap([cm('a', '1', 'one')]), 'two')
    expect(other.resources.map(r => [r.namespace, r.status, r.requiresPruning])).toEqual([
      ['two', 'OutOfSync', false], // Missing in "two"
      ['one', 'OutOfSync', true], // tracked in "one", no longer a target there
    ])
  })

  it('property: after any sequence of writes, the answer equals a fresh compare', () => {
    const names = ['a', 'b', 'c', 'd']
    const write = fc.record({ name: fc.constantFrom(...names), value: fc.constantFrom('1', '2'), gone: fc.boolean() })
    fc.assert(fc.property(fc.array(write, { maxLength: 12 }), writes => {
      const targets = names.slice(0, 3).map(n => cm(n, '1'))
      const live = new Map<string, KubeObject>()
      for (const w of writes) {
        const obj = cm(w.name, w.value, 'ns')
        if (w.gone) live.delete(liveKey(obj))
        else live.set(liveKey(obj), obj)
        expect(compareAppState(targets, live, 'ns')).toEqual(compareAppState(fresh(targets), fresh(live), 'ns'))
      }
    }))
  })
})
