// Server-side apply's record of the fields a manager set (metadata.managedFields[].fieldsV1), and back to the shape
// the three-way merge reads (R78).

export type Fields = { [key: string]: Fields }

export interface FieldsV1Codec {
  fieldsOf(value: unknown): Fields
  objectOfFields(fields: Fields): unknown
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** FieldsV1: `f:<field>` for object fields, `k:{"name":…}` for items of lists keyed by name, `{}` for leaves. */
export function fieldsOf(value: unknown): Fields {
  if (isPlainObject(value)) {
    const out: Fields = {}
    for (const [k, v] of Object.entries(value)) out[`f:${k}`] = fieldsOf(v)
    return out
  }
  if (Array.isArray(value) && value.length > 0 && value.every(v => isPlainObject(v) && typeof v['name'] === 'string')) {
    const out: Fields = {}
    for (const item of value as Array<Record<string, unknown>>) {
      out[`k:${JSON.stringify({ name: item['name'] })}`] = { '.': {}, ...fieldsOf(item) }
    }
    return out
  }
  return {}
}

/** The shape FieldsV1 describes, for the three-way merge to see which fields the manager had set. */
export function objectOfFields(fields: Fields): unknown {
  const keys = Object.keys(fields).filter(k => k !== '.')
  if (keys.length === 0) return true
  if (keys.every(k => k.startsWith('k:'))) {
    return keys.map(k => ({ ...(JSON.parse(k.slice(2)) as object), ...(objectOfFields(fields[k]!) as object) }))
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) if (k.startsWith('f:')) out[k.slice(2)] = objectOfFields(fields[k]!)
  return out
}
