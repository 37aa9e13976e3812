// JSON merging as kubectl and the API server do it, for the fields synclab models: kubectl apply's three-way merge
// (src/cluster/kubectl-apply.ts), RFC 7386 JSON merge patch, and a
// strategic merge patch that merges lists of named objects item by item. Shared by the KubeCluster adapter
// (client-side apply) and `synclab serve` (PATCH).
import { cloneJson, isPlainObject as isObject } from '../cluster/json.ts'

type Json = unknown

export { threeWayMerge } from '../cluster/kubectl-apply.ts'

/**
 * Keys that reach an object's prototype when used as a property name. A patch names keys the client chose: every
 * read below is an own-property read and every write defines an own property, so a key `__proto__` in a merge
 * patch stays a plain key (as in JSON.parse) and never reaches Object.prototype.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

function own(obj: Record<string, Json>, key: string): Json {
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}

function setOwn(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
}

/** A shallow copy with own properties only (object spread defines own properties, so `__proto__` stays a key). */
function copyOf(target: Json): Record<string, Json> {
  return isObject(target) ? { ...target } : {}
}

/** RFC 7386 (application/merge-patch+json): objects merge, null removes a key, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch)
  const out = copyOf(target)
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else setOwn(out, key, mergePatch(own(out, key), value))
  }
  return out
}

/** The merge key of a list field, as Kubernetes' patchMergeKey tags name them (name for most lists). */
function mergeKeyCandidates(field: string): string[] {
  if (field === 'ports') return ['containerPort', 'port', 'name']
  if (field === 'volumeMounts' || field === 'volumeDevices') return ['mountPath', 'devicePath']
  if (field === 'conditions') return ['type']
  return ['name']
}

function mergeKeyOf(field: string, items: Json[], live: Json[]): string | undefined {
  if (items.length === 0 || !items.every(isObject) || !live.every(isObject)) return undefined
  return mergeKeyCandidates(field).find(k => items.every(i => (i as Record<string, Json>)[k] !== undefined))
}

/**
 * application/strategic-merge-patch+json for the fields synclab models: like a merge patch, except that lists of
 * objects with a merge key (name, containerPort, mountPath…) merge item by item, `$patch: delete|replace` and
 * `$deleteFromPrimitiveList/<field>` are honoured, and ordering directives (`$setElementOrder/…`, `$retainKeys`)
 * are accepted and ignored.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch)
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch
    return cloneJson(rest)
  }
  const out = copyOf(target)
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length)
      const list = own(out, field)
      if (Array.isArray(list) && Array.isArray(value)) setOwn(out, field, list.filter(v => !value.includes(v)))
      continue
    }
    if (value === null) {
      delete out[key]
      continue
    }
    const current = own(out, key)
    if (Array.isArray(value)) {
      const liveList = Array.isArray(current) ? current : []
      const mergeKey = mergeKeyOf(key, value, liveList)
      setOwn(out, key, mergeKey === undefined ? cloneJson(value) : mergeList(liveList, value, mergeKey))
      continue
    }
    if (isObject(value) && value['$patch'] === 'delete') {
      delete out[key]
      continue
    }
    setOwn(out, key, strategicMergePatch(current, value))
  }
  return out
}

function mergeList(live: Json[], patch: Json[], mergeKey: string): Json[] {
  const items = patch as Array<Record<string, Json>>
  if (items.some(i => i['$patch'] === 'replace')) {
    return items.filter(i => i['$patch'] !== 'replace').map(i => cloneJson(i))
  }
  const out = [...live] as Array<Record<string, Json>>
  for (const item of items) {
    const at = out.findIndex(l => own(l, mergeKey) === own(item, mergeKey))
    if (item['$patch'] === 'delete') {
      if (at >= 0) out.splice(at, 1)
      continue
    }
    if (at >= 0) out[at] = strategicMergePatch(out[at], item) as Record<string, Json>
    else out.push(strategicMergePatch({}, item) as Record<string, Json>)
  }
  return out
}

/** RFC 6902 (application/json-patch+json): add, remove, replace, test, copy and move. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new Error('a JSON patch is a list of operations')
  let doc = cloneJson(target)
  for (const op of ops as Array<{ op?: string; path?: string; value?: Json; from?: string }>) {
    const path = pointer(op.path ?? '')
    switch (op.op) {
      case 'add': doc = setAt(doc, path, cloneJson(op.value), true); break
      case 'replace': doc = setAt(doc, path, cloneJson(op.value), false); break
      case 'remove': doc = removeAt(doc, path); break
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`)
        break
      case 'copy': doc = setAt(doc, path, cloneJson(getAt(doc, pointer(op.from ?? ''))), true); break
      case 'move': {
        const from = pointer(op.from ?? '')
        const value = getAt(doc, from)
        doc = setAt(removeAt(doc, from), path, value, true)
        break
      }
      default: throw new Error(`unknown JSON patch operation "${String(op.op)}"`)
    }
  }
  return doc
}

/** RFC 6901 pointer; a segment that names a prototype (`__proto__`, `constructor`, `prototype`) is refused. */
function pointer(path: string): string[] {
  if (path === '') return []
  if (!path.startsWith('/')) throw new Error(`the JSON pointer "${path}" does not start with "/"`)
  const segs = path.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const bad = segs.find(s => PROTOTYPE_KEYS.has(s))
  if (bad !== undefined) throw new Error(`the JSON pointer "${path}" names "${bad}", which this server refuses`)
  return segs
}

function index(list: Json[], seg: string, allowEnd: boolean): number {
  const i = seg === '-' && allowEnd ? list.length : /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : NaN
  if (!(i >= 0 && i <= list.length)) throw new Error(`"${seg}" is not an index of a list of ${list.length}`)
  return i
}

function getAt(doc: Json, path: string[]): Json {
  let cur = doc
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[index(cur, seg, false)]
    else if (isObject(cur)) cur = own(cur, seg)
    else throw new Error(`no value at /${path.join('/')}`)
  }
  return cur
}

function setAt(doc: Json, path: string[], value: Json, insert: boolean): Json {
  if (path.length === 0) return value
  const parent = getAt(doc, path.slice(0, -1))
  const last = path[path.length - 1]!
  if (Array.isArray(parent)) {
    const i = index(parent, last, insert)
    if (insert) parent.splice(i, 0, value)
    else if (i < parent.length) parent[i] = value
    else throw new Error(`no value at /${path.join('/')} to replace`)
  } else if (isObject(parent)) {
    if (!insert && !Object.hasOwn(parent, last)) throw new Error(`no value at /${path.join('/')} to replace`)
    setOwn(parent, last, value)
  } else throw new Error(`no object at /${path.slice(0, -1).join('/')}`)
  return doc
}

function removeAt(doc: Json, path: string[]): Json {
  const parent = getAt(doc, path.slice(0, -1))
  const last = path[path.length - 1]!
  if (Array.isArray(parent) && index(parent, last, false) < parent.length) parent.splice(Number(last), 1)
  else if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last]
  else throw new Error(`no value at /${path.join('/')} to remove`)
  return doc
}
