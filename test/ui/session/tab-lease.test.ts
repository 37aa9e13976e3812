// The tab lease without Web Locks (a page that is not a secure context): a tab edits until another tab saves the
// same session, then turns read-only; Take over makes it the editor again. (With Web Locks: the e2e "two tabs" test.)
import { describe, expect, it } from 'vitest'
import { TabLease } from '../../../src/ui/session/tab-lease.ts'

describe('TabLease without Web Locks', () => {
  it('edits at once; another tab saving the same key turns it read-only; Take over edits again', () => {
    let fire: (key: string | null) => void = () => {}
    const lease = new TabLease('synclab:lab', { onStorage: l => { fire = l; return () => { fire = () => {} } } })
    const seen: string[] = []
    lease.subscribe(s => seen.push(s))
    lease.start()
    expect(lease.editing).toBe(true)
    fire('synclab:other-lab')
    expect(lease.editing).toBe(true)
    fire('synclab:lab')
    expect(lease.state).toBe('read-only')
    lease.takeOver()
    expect(lease.editing).toBe(true)
    expect(seen).toEqual(['editing', 'read-only', 'editing'])
    lease.dispose()
    fire('synclab:lab')
    expect(seen).toHaveLength(3)
  })
})
