import { describe, expect, it } from 'vitest'
import { getHealth, HEALTH_ORDER, hookOperationPhase, isWorse, worstHealth } from '../../src/cluster/health/index.ts'
import type { HealthStatusCode } from '../../src/cluster/health/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { cond, ctr, job, obj, pod } from './fixtures.ts'

const deleting = <T extends KubeObject>(o: T, finalizers?: string[]): T =>
  ({ ...o, metadata: { ...o.metadata, deletionTimestamp: '2024-05-01T10:05:00Z', ...(finalizers ? { finalizers } : { finalizers: [] }) } })

describe('R26 deletionTimestamp and the hook finalizer (GE GetResourceHealth)', () => {
  const complete = job([cond('Complete', 'True')])

  it('R26 an object being deleted without the hook finalizer is Progressing "Pending deletion"', () => {
    expect(getHealth(deleting(complete))).toEqual({ status: 'Progressing', message: 'Pending deletion' })
  })

  it('R26 "Pending deletion" applies even when another finalizer holds the object', () => {
    expect(getHealth(deleting(complete, ['foregroundDeletion']))).toEqual({ status: 'Progressing', message: 'Pending deletion' })
  })

  it('R26 "Pending deletion" applies even to kinds without a health check (ConfigMap)', () => {
    expect(getHealth(deleting(obj('v1', 'ConfigMap', { data: { a: '1' } })))).toEqual({ status: 'Progressing', message: 'Pending deletion' })
  })

  it('R26 with the hook finalizer a deleted hook Job is still assessed normally (TTL-deleted Complete Job is Healthy)', () => {
    expect(getHealth(deleting(complete, ['argocd.argoproj.io/hook-finalizer']))).toEqual({ status: 'Healthy' })
    const failed = job([cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')])
    expect(getHealth(deleting(failed, ['foregroundDeletion', 'argocd.argoproj.io/hook-finalizer'])))
      .toEqual({ status: 'Degraded', message: 'Job has reached the specified backoff limit' })
  })

  it('R26 the hook finalizer without a deletionTimestamp changes nothing', () => {
    expect(getHealth(complete)).toEqual({ status: 'Healthy' })
  })
})

describe('GE GetHealthCheckFunc: which kinds have a built-in health check', () => {
  it('R28 ConfigMap, Secret, ServiceAccount, Role, CronJob, Namespace, CRDs have none (undefined)', () => {
    for (const [apiVersion, kind] of [['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'ServiceAccount'],
      ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['batch/v1', 'CronJob'],
      ['v1', 'Namespace'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'], ['serving.knative.dev/v1', 'Service'],
      ['argoproj.io/v1alpha1', 'Application'], ['v1', 'Endpoints']] as const) {
      expect(getHealth(obj(apiVersion, kind)), `${apiVersion} ${kind}`).toBeUndefined()
    }
  })

  it('dispatch is by group + kind: a Job in another group has no check, a core Pod in v2 is Unknown', () => {
    expect(getHealth(obj('example.com/v1', 'Job'))).toBeUndefined()
    expect(getHealth(obj('v2', 'Pod'))).toEqual({ status: 'Unknown', message: 'unsupported Pod GVK: /v2, Kind=Pod' })
  })
})

describe('IsWorse and the health order (GE health.go healthOrder)', () => {
  it('the order is Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(HEALTH_ORDER).toEqual(['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'])
  })

  it('isWorse(current, next) is true only when next ranks strictly lower', () => {
    expect(isWorse('Healthy', 'Suspended')).toBe(true)
    expect(isWorse('Progressing', 'Missing')).toBe(true)
    expect(isWorse('Missing', 'Degraded')).toBe(true)
    expect(isWorse('Degraded', 'Unknown')).toBe(true)
    expect(isWorse('Degraded', 'Missing')).toBe(false)
    expect(isWorse('Progressing', 'Progressing')).toBe(false)
    expect(isWorse('Unknown', 'Healthy')).toBe(false)
  })

  it('worstHealth starts Healthy, skips undefined (no check) and keeps the worst', () => {
    expect(worstHealth([])).toBe('Healthy')
    expect(worstHealth([undefined, undefined])).toBe('Healthy')
    expect(worstHealth([{ status: 'Healthy' }, { status: 'Suspended' }, undefined])).toBe('Suspended')
    expect(worstHealth(['Progressing', { status: 'Degraded', message: 'x' }, 'Suspended'])).toBe('Degraded')
    expect(worstHealth(['Missing', 'Progressing'])).toBe('Missing')
    const all: HealthStatusCode[] = ['Unknown', 'Degraded', 'Missing', 'Progressing', 'Suspended', 'Healthy']
    expect(worstHealth(all)).toBe('Unknown')
  })
})

describe('R28 hook outcome from the live object (GE getOperationPhase)', () => {
  it('R28 Healthy -> Succeeded with the health message (empty for a Complete Job)', () => {
    expect(hookOperationPhase(job([cond('Complete', 'True')]))).toEqual({ phase: 'Succeeded', message: '' })
    const done = pod({ restartPolicy: 'Never', phase: 'Succeeded', containerStatuses: [ctr('main', { terminated: { exitCode: 0 } })] })
    expect(hookOperationPhase(done)).toEqual({ phase: 'Succeeded', message: '' })
  })

  it('R28 Progressing -> Running', () => {
    expect(hookOperationPhase(job([], { active: 1 }))).toEqual({ phase: 'Running', message: '' })
    expect(hookOperationPhase(pod({ restartPolicy: 'Never', phase: 'Running', message: 'still going' })))
      .toEqual({ phase: 'Running', message: 'still going' })
  })

  it('R28 Suspended -> Running (a suspended hook Job blocks the sync)', () => {
    expect(hookOperationPhase(job([cond('Suspended', 'True', 'JobSuspended', 'Job suspended')])))
      .toEqual({ phase: 'Running', message: 'Job suspended' })
  })

  it('R28 Degraded -> Failed with the health message', () => {
    expect(hookOperationPhase(job([cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')])))
      .toEqual({ phase: 'Failed', message: 'Job has reached the specified backoff limit' })
    const oom = pod({ restartPolicy: 'Never', phase: 'Failed', containerStatuses: [ctr('main', { terminated: { exitCode: 137, reason: 'OOMKilled' } })] })
    expect(hookOperationPhase(oom)).toEqual({ phase: 'Failed', message: 'OOMKilled' })
  })

  it('R28 Unknown -> Failed', () => {
    expect(hookOperationPhase(pod({ restartPolicy: 'Never', phase: 'Unknown', message: 'node lost' })))
      .toEqual({ phase: 'Failed', message: 'node lost' })
  })

  it('R28 a kind without health check -> Succeeded "<name> created"', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hook-config', namespace: 'shop' }, data: {} }
    expect(hookOperationPhase(cm)).toEqual({ phase: 'Succeeded', message: 'hook-config created' })
    expect(hookOperationPhase(obj('v1', 'ServiceAccount', {}, 'migrator'))).toEqual({ phase: 'Succeeded', message: 'migrator created' })
  })

  it('R26 R28 a hook being deleted without the finalizer reads Running "Pending deletion"', () => {
    const done = deleting(job([cond('Complete', 'True')]))
    expect(hookOperationPhase(done)).toEqual({ phase: 'Running', message: 'Pending deletion' })
    const kept = deleting(job([cond('Complete', 'True')]), ['argocd.argoproj.io/hook-finalizer'])
    expect(hookOperationPhase(kept)).toEqual({ phase: 'Succeeded', message: '' })
  })
})
