// What `argocd app sync` prints, as synclab reproduces it: the streaming table, the Operation block, the final table.
import { describe, expect, it } from 'vitest'
import { formatOperation, formatResources, formatStream, streamTimestamp } from '../../src/present/argocd-sync-output.ts'

describe('argocd app sync output', () => {
  it('timestamps: stream rows use 2006-01-02T15:04:05-07:00', () => {
    expect(streamTimestamp(0)).toBe('2025-01-01T00:00:00+00:00')
    expect(streamTimestamp(43_800)).toBe('2025-01-01T00:00:43+00:00')
  })

  it('the streaming table right-justifies with waitFormatString widths, one alignment per flush', () => {
    const row = { group: 'batch', kind: 'Job', namespace: 'default', name: 'before', status: 'Running', health: 'Synced',
      hook: 'PreSync', message: 'job.batch/before created' }
    expect(formatStream([{ t: 0, rows: [row] }])).toBe(
      'TIMESTAMP                  GROUP        KIND   NAMESPACE                  NAME    STATUS   HEALTH        HOOK  MESSAGE\n' +
      '2025-01-01T00:00:00+00:00  batch         Job     default                before   Running   Synced     PreSync  job.batch/before created\n')
    expect(formatStream([])).toContain('TIMESTAMP')
  })

  it('the Operation block: printOpFmtStr "%-20s%s", Message only when set, <nil> while unfinished', () => {
    expect(formatOperation({ phase: 'Succeeded', message: '', revision: 'abc', startedAt: 0, finishedAt: 61_500 }, 0))
      .toBe('Operation:          Sync\nSync Revision:      abc\nPhase:              Succeeded\n' +
        'Start:              2025-01-01 00:00:00 +0000 UTC\nFinished:           2025-01-01 00:01:01 +0000 UTC\n' +
        'Duration:           1m1s\n')
    const running = formatOperation({ phase: 'Running', message: 'waiting', revision: 'abc', startedAt: 1000 }, 21_000)
    expect(running).toContain('Finished:           <nil>\nDuration:           20s\nMessage:            waiting\n')
  })

  it('the final table (printAppResources)', () => {
    expect(formatResources([{ group: '', kind: 'Service', namespace: 'default', name: 'web', status: 'Synced',
      health: 'Healthy', hook: '', message: 'service/web created' }])).toBe(
      'GROUP  KIND     NAMESPACE  NAME  STATUS  HEALTH   HOOK  MESSAGE\n' +
      '       Service  default    web   Synced  Healthy        service/web created\n')
  })
})
