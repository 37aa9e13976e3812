// `?labelSelector=` and `?fieldSelector=` as the API server reads them. Label selectors: equality-based
// (`a=b`, `a==b`, `a!=b`), existence (`a`, `!a`) and `a in (x,y)` / `a notin (x,y)`. Field selectors: `path=value`
// and `path!=value` over dotted paths (metadata.name, status.phase, involvedObject.uid…).
import { ApiError } from '../cluster/errors.ts'
import { isPlainObject } from '../cluster/json.ts'

export type Matcher = (obj: Record<string, unknown>) => boolean

/** Splits on commas that are not inside parentheses. */
function requirements(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of text) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out.map(s => s.trim()).filter(s => s !== '')
}

export function parseLabelSelector(text: string | null): Matcher {
  if (!text) return () => true
  const tests = requirements(text).map(req => {
    let m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(req)
    if (m) {
      const [, key = '', op, value] = m
      return (labels: Record<string, string>) => (op === '!=' ? labels[key] !== value : labels[key] === value)
    }
    m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req)
    if (m) {
      const [, key = '', op, list = ''] = m
      const values = list.split(',').map(v => v.trim())
      return (labels: Record<string, string>) => {
        const has = labels[key] !== undefined && values.includes(labels[key])
        return op === 'in' ? has : !has
      }
    }
    m = /^(!?)([A-Za-z0-9][-A-Za-z0-9_./]*)$/.exec(req)
    if (m) {
      const [, not, key = ''] = m
      return (labels: Record<string, string>) => (labels[key] !== undefined) !== (not === '!')
    }
    throw new ApiError('BadRequest', `unable to parse requirement: invalid label selector "${req}"`)
  })
  return obj => {
    const meta = obj['metadata'] as { labels?: Record<string, string> } | undefined
    const labels = meta?.labels ?? {}
    return tests.every(t => t(labels))
  }
}

export function parseFieldSelector(text: string | null): Matcher {
  if (!text) return () => true
  const tests = requirements(text).map(req => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(req)
    if (!m) throw new ApiError('BadRequest', `invalid field selector: "${req}"`)
    const [, path = '', op, value = ''] = m
    const segments = path.split('.')
    return (obj: Record<string, unknown>) => {
      let cur: unknown = obj
      for (const s of segments) cur = isPlainObject(cur) ? cur[s] : undefined
      const actual = cur === undefined || cur === null ? '' : String(cur)
      return op === '!=' ? actual !== value : actual === value
    }
  })
  return obj => tests.every(t => t(obj))
}
