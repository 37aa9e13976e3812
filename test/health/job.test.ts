import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { cond, job } from './fixtures.ts'

describe('R29 Job health (GE getBatchv1JobHealth)', () => {
  it('R29 a Job with no conditions yet is Progressing with no message', () => {
    expect(getHealth(job([], { active: 1 }))).toEqual({ status: 'Progressing' })
  })

  it('R29 a Job with a Failed condition is Degraded with the condition message', () => {
    const j = job([cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')], { failed: 3 })
    expect(getHealth(j)).toEqual({ status: 'Degraded', message: 'Job has reached the specified backoff limit' })
  })

  it('R29 a Job that exceeded activeDeadlineSeconds is Degraded with that message', () => {
    const j = job([cond('Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline')])
    expect(getHealth(j)).toEqual({ status: 'Degraded', message: 'Job was active longer than specified deadline' })
  })

  it('R29 a Job with a Complete condition is Healthy (Complete carries no message)', () => {
    const j = job([cond('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      cond('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods')], { succeeded: 1, completionTime: 'x' })
    expect(getHealth(j)).toEqual({ status: 'Healthy', message: 'Reached expected number of succeeded pods' })
    expect(getHealth(job([cond('Complete', 'True')]))).toEqual({ status: 'Healthy' })
  })

  it('R29 a suspended Job (Suspended=True) is Suspended with the condition message', () => {
    const j = job([cond('Suspended', 'True', 'JobSuspended', 'Job suspended')])
    expect(getHealth(j)).toEqual({ status: 'Suspended', message: 'Job suspended' })
  })

  it('R29 interim SuccessCriteriaMet alone is ignored: still Progressing', () => {
    const j = job([cond('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods')])
    expect(getHealth(j)).toEqual({ status: 'Progressing' })
  })

  it('R29 interim FailureTarget alone is ignored: still Progressing until Failed is added', () => {
    const target = cond('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')
    expect(getHealth(job([target]))).toEqual({ status: 'Progressing' })
    const failed = cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')
    expect(getHealth(job([target, failed]))?.status).toBe('Degraded')
  })

  it('R29 Failed wins over Suspended and Complete whatever the order', () => {
    const j = job([cond('Failed', 'True', 'BackoffLimitExceeded', 'boom'), cond('Suspended', 'True', 'JobSuspended', 'Job suspended')])
    expect(getHealth(j)).toEqual({ status: 'Degraded', message: 'boom' })
    expect(getHealth(job([cond('Complete', 'True'), cond('Failed', 'True', 'x', 'late')]))).toEqual({ status: 'Degraded', message: 'late' })
  })

  it('R29 Go quirk: a resumed Job (Suspended=False) counts as complete and reads Healthy', () => {
    const j = job([cond('Suspended', 'False', 'JobResumed', 'Job resumed')], { active: 1 })
    expect(getHealth(j)).toEqual({ status: 'Healthy', message: 'Job resumed' })
  })

  it('R29 Go quirk: condition status is not checked for Failed (Failed=False is still Degraded)', () => {
    expect(getHealth(job([cond('Failed', 'False', 'x', 'odd')]))).toEqual({ status: 'Degraded', message: 'odd' })
  })

  it('R29 only batch/v1 is supported: another version is Unknown with the Go error text', () => {
    const j = { ...job([]), apiVersion: 'batch/v1beta1' }
    expect(getHealth(j)).toEqual({ status: 'Unknown', message: 'unsupported Job GVK: batch/v1beta1, Kind=Job' })
  })

  it('R29 a Job without status at all is Progressing', () => {
    const { status: _status, ...rest } = job([])
    expect(getHealth(rest as typeof rest & { kind: 'Job' })).toEqual({ status: 'Progressing' })
  })
})
