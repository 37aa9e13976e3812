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

export function loadProgress(storage: Store | undefined, labId: string): LabProgress {
  try {
    const text = storage?.getItem(`synclab:progress:${labId}`)
    const p = text ? JSON.parse(text) as LabProgress : undefined
    return p && typeof p.current === 'number' && Array.isArray(p.passed) ? p : freshProgress()
  } catch {
    return freshProgress()
  }
}

export function saveProgress(storage: Store | undefined, labId: string, p: LabProgress): void {
  try {
    storage?.setItem(`synclab:progress:${labId}`, JSON.stringify(p))
  } catch {
    // The lab goes on without being remembered.
  }
}
