// The patch functions serve applies to stored objects, attacked directly: a key or pointer that names a prototype
// must never reach Object.prototype (or any prototype).
import { afterEach, describe, expect, it } from 'vitest'
import { jsonPatch, mergePatch, strategicMergePatch } from '../../src/kube/merge.ts'

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined()
})

const live = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' }, list: [{ name: 'n' }] })

describe('JSON patch (RFC 6902)', () => {
  it('refuses pointers through __proto__, constructor and prototype, for every operation', () => {
    for (const path of ['/__proto__/polluted', '/metadata/__proto__/polluted', '/constructor/prototype/polluted',
      '/list/0/__proto__/polluted', '/metadata/constructor']) {
      for (const op of [{ op: 'add', path, value: 'yes' }, { op: 'replace', path, value: 'yes' }, { op: 'remove', path },
        { op: 'copy', from: '/data/a', path }, { op: 'move', from: '/data/a', path }, { op: 'test', path, value: 'x' },
        { op: 'copy', from: path, path: '/data/b' }]) {
        expect(() => jsonPatch(live(), [op]), JSON.stringify(op)).toThrow(/refuses/)
      }
    }
  })

  it('still patches ordinary paths, and refuses list indexes that are not numbers', () => {
    expect(jsonPatch(live(), [{ op: 'add', path: '/data/b', value: '2' }, { op: 'replace', path: '/list/0/name', value: 'm' }]))
      .toMatchObject({ data: { a: '1', b: '2' }, list: [{ name: 'm' }] })
    expect(() => jsonPatch(live(), [{ op: 'add', path: '/list/length', value: 1 }])).toThrow(/not an index/)
    expect(() => jsonPatch(live(), [{ op: 'replace', path: '/data/toString', value: 1 }])).toThrow(/no value/)
  })
})

describe('merge patches', () => {
  const attack = JSON.parse('{"__proto__":{"polluted":"yes"},"metadata":{"__proto__":{"polluted":"yes"}},' +
    '"data":{"constructor":{"prototype":{"polluted":"yes"}}},"list":[{"name":"n","__proto__":{"polluted":"yes"}}]}')

  it('RFC 7386 merge patch keeps __proto__ an own, plain key', () => {
    const out = mergePatch(live(), attack) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(out['metadata'])).toBe(Object.prototype)
  })

  it('strategic merge patch keeps __proto__ an own, plain key, in lists too', () => {
    const out = strategicMergePatch(live(), attack) as Record<string, any>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out['metadata'], '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(out['list'][0])).toBe(Object.prototype)
  })
})
