// The learner's progress in a lab: which tasks passed, and where the current task began (its checks count only
// what happened since). Kept in the browser per lab.

import type { TaskStart } from '../../labs/check.ts'

export type { TaskStart }

export interface LabProgress {
  current: number
  passed: string[]
  since: TaskStart
  hintsShown: Record<string, number>
}

export const freshProgress = (): LabProgress => ({ current: 0, passed: [], since: { event: 0, operation: 0, t: 0 },
  hintsShown: {} })

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * The progress saved for a lab, checked field by field (a damaged or foreign one must not break the lab panel):
 * what is valid is kept, the rest starts afresh.
 */
export function loadProgress(storage: Store | undefined, labId: string): LabProgress {
  try {
    const text = storage?.getItem(`synclab:progress:${labId}`)
    return text ? checkProgress(JSON.parse(text)) : freshProgress()
  } catch {
    return freshProgress()
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0

export function checkProgress(value: unknown): LabProgress {
  const fresh = freshProgress()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fresh
  const p = value as Record<string, unknown>
  const since = p.since as Record<string, unknown> | null | undefined
  const validSince = typeof since === 'object' && since !== null && isCount(since.event) && isCount(since.operation) &&
    isTime(since.t) && (since.app === undefined || isCount(since.app))
  const hints = typeof p.hintsShown === 'object' && p.hintsShown !== null && !Array.isArray(p.hintsShown)
    ? Object.fromEntries(Object.entries(p.hintsShown).filter(([, n]) => isCount(n))) as Record<string, number> : {}
  return {
    current: isCount(p.current) ? p.current : fresh.current,
    passed: Array.isArray(p.passed) ? p.passed.filter((id): id is string => typeof id === 'string') : fresh.passed,
    since: validSince ? since as unknown as TaskStart : fresh.since,
    hintsShown: hints,
  }
}

export function saveProgress(storage: Store | undefined, labId: string, p: LabProgress): void {
  try {
    storage?.setItem(`synclab:progress:${labId}`, JSON.stringify(p))
  } catch {
    // The lab goes on without being remembered.
  }
}
