import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/cluster/errors.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { cluster, job } from './helpers.ts'

const configMap = (name: string, data: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data })

describe('object store (the simulated API server)', () => {
  it('R72 generateName gets five characters from the API server alphabet, repeatable per seed', () => {
    const names = (seed: string) => {
      const c = cluster({ seed })
      return [1, 2, 3].map(() => c.create({ apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { generateName: 'cfg-', namespace: 'default' } }).metadata.name)
    }
    const a = names('s1')
    expect(a.every(n => /^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n!))).toBe(true)
    expect(new Set(a).size).toBe(3)
    expect(names('s1')).toEqual(a)
    expect(names('s2')).not.toEqual(a)
  })

  it('R72 truncates a long generateName base to 58 characters', () => {
    const c = cluster()
    const obj = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x'.repeat(70), namespace: 'default' } })
    expect(obj.metadata.name).toHaveLength(63)
  })

  it('sets uid, resourceVersion, creationTimestamp in virtual time and generation for objects with spec', () => {
    const c = cluster()
    c.advance(5000)
    const obj = c.create(job('j'))
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0)
    expect(obj.metadata.creationTimestamp).toBe('2025-01-01T00:00:05Z')
    expect(obj.metadata.generation).toBe(1)
  })

  it('creating an object whose name exists is AlreadyExists with the API server message', () => {
    const c = cluster()
    c.create(job('before'))
    expect(() => c.create(job('before'))).toThrowError(new ApiError('AlreadyExists', 'jobs.batch "before" already exists'))
  })

  it('a namespaced object in a missing namespace is NotFound', () => {
    const c = cluster()
    expect(() => c.create(job('x', { namespace: 'nope' }))).toThrowError('namespaces "nope" not found')
  })

  it('an unknown kind is refused as a real API server refuses it', () => {
    const c = cluster()
    expect(() => c.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } }))
      .toThrowError('no matches for kind "Widget" in version "example.com/v1"')
  })

  it('a CustomResourceDefinition makes its kind known', () => {
    const c = cluster()
    c.create({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [{ name: 'v1' }] } })
    const w = c.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } })
    expect(w.metadata.uid).toBeTruthy()
  })

  it('validates a Job: restartPolicy must be Never or OnFailure, containers are required', () => {
    const c = cluster()
    const bad = job('bad')
    ;(bad.spec as { template: { spec: { restartPolicy: string } } }).template.spec.restartPolicy = 'Always'
    expect(() => c.create(bad)).toThrowError(
      'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')
    const empty = job('empty')
    ;(empty.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = []
    expect(() => c.create(empty)).toThrowError('spec.template.spec.containers: Required value')
  })

  it('rejects an invalid name with the RFC 1123 message', () => {
    const c = cluster()
    expect(() => c.create(configMap('Bad_Name'))).toThrowError(/metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/)
  })

  it('R73 changing a Job pod template is refused: field is immutable', () => {
    const c = cluster()
    c.apply(job('after'))
    expect(() => c.apply(job('after', { command: ['sh', '-c', 'curl https://acend.ch'] })))
      .toThrowError(/^Job.batch "after" is invalid: spec.template: Invalid value: .*: field is immutable$/)
  })

  it('R27 apply creates, then reports unchanged for the same manifest and configured for a change', () => {
    const c = cluster()
    expect(c.apply(job('j')).action).toBe('created')
    c.runUntilIdle()
    expect(c.apply(job('j')).action).toBe('unchanged')
    expect(c.apply(configMap('cm', { a: '1' })).action).toBe('created')
    expect(c.apply(configMap('cm', { a: '1' })).action).toBe('unchanged')
    const changed = c.apply(configMap('cm', { a: '2' }))
    expect(changed.action).toBe('configured')
    expect((changed.object as unknown as { data: Record<string, string> }).data).toEqual({ a: '2' })
  })

  it('R27 apply leaves the manifest as written: a container new to the live object gets its defaults in the stored object only', () => {
    const c = cluster()
    const web = (containers: Array<{ name: string; image: string }>): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
    })
    c.apply(web([{ name: 'web', image: 'nginx:1.27' }]))
    const manifest = web([{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox:1.36' }])
    const written = JSON.stringify(manifest)
    // Twice, as a sync's dry run and then its apply write the same object.
    c.apply(manifest, { dryRun: true, clientSide: true })
    const r = c.apply(manifest)
    expect(r.action).toBe('configured')
    expect(JSON.stringify(manifest)).toBe(written)
    const stored = r.object.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }
    expect(stored.template.spec.containers[1]).toMatchObject({ name: 'side', imagePullPolicy: 'IfNotPresent' })
    expect(r.object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(`${written}\n`)
  })

  it('R27 apply removes fields the manifest no longer has, keeps fields set by the server', () => {
    const c = cluster()
    c.apply(configMap('cm', { a: '1', b: '2' }))
    c.store.updateMetadata({ kind: 'ConfigMap', namespace: 'default', name: 'cm' }, m => { m.labels = { added: 'by-server' } })
    const r = c.apply(configMap('cm', { a: '1' }))
    expect((r.object as unknown as { data: Record<string, string> }).data).toEqual({ a: '1' })
    expect(r.object.metadata.labels).toEqual({ added: 'by-server' })
  })

  it('dry-run create and apply change nothing', () => {
    const c = cluster()
    const seen: string[] = []
    c.watch(e => seen.push(e.type))
    c.apply(job('j'), { dryRun: true })
    c.create(configMap('cm'), { dryRun: true })
    expect(c.get({ kind: 'Job', namespace: 'default', name: 'j' })).toBeUndefined()
    expect(seen).toEqual([])
  })

  it('a finalizer keeps a deleted object with a deletionTimestamp until it is removed', () => {
    const c = cluster()
    const ref = { kind: 'ConfigMap', namespace: 'default', name: 'cm' }
    c.create({ ...configMap('cm'), metadata: { name: 'cm', namespace: 'default', finalizers: ['example.com/keep'] } })
    c.advance(1000)
    c.delete(ref)
    expect(c.get(ref)?.metadata.deletionTimestamp).toBe('2025-01-01T00:00:01Z')
    c.store.removeFinalizer(ref, 'example.com/keep')
    expect(c.get(ref)).toBeUndefined()
  })

  it('deleting a missing object is NotFound', () => {
    const c = cluster()
    expect(() => c.delete({ kind: 'Job', namespace: 'default', name: 'ghost' })).toThrowError('jobs.batch "ghost" not found')
  })

  it('watch delivers ADDED, MODIFIED and DELETED in order', () => {
    const c = cluster()
    const seen: string[] = []
    c.watch(e => { if (e.object.kind === 'ConfigMap') seen.push(`${e.type}:${e.object.metadata.name}`) })
    c.apply(configMap('cm', { a: '1' }))
    c.apply(configMap('cm', { a: '2' }))
    c.delete({ kind: 'ConfigMap', namespace: 'default', name: 'cm' })
    expect(seen).toEqual(['ADDED:cm', 'MODIFIED:cm', 'DELETED:cm'])
  })
})
