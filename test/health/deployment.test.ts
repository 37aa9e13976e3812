import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { cond, deployment } from './fixtures.ts'

const available = cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
const progressed = cond('Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-7d9f8" has successfully progressed.')
const done = { observedGeneration: 3, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [available, progressed] }

describe('R31 Deployment health (GE getAppsv1DeploymentHealth)', () => {
  it('R31 a fully rolled out Deployment is Healthy without message', () => {
    expect(getHealth(deployment({}, done))).toEqual({ status: 'Healthy' })
  })

  it('R31 a paused Deployment is Suspended "Deployment is paused", even mid-rollout', () => {
    expect(getHealth(deployment({ paused: true }, { ...done, updatedReplicas: 1 }, 4)))
      .toEqual({ status: 'Suspended', message: 'Deployment is paused' })
  })

  it('R31 observedGeneration behind generation is Progressing, even with ProgressDeadlineExceeded', () => {
    const deadline = cond('Progressing', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-7d9f8" has timed out progressing.')
    expect(getHealth(deployment({}, { ...done, observedGeneration: 2, conditions: [deadline] }, 3))).toEqual({
      status: 'Progressing',
      message: 'Waiting for rollout to finish: observed deployment generation less than desired generation',
    })
  })

  it('R31 Progressing condition with reason ProgressDeadlineExceeded is Degraded', () => {
    const deadline = cond('Progressing', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-6b5c4" has timed out progressing.')
    const d = deployment({}, { observedGeneration: 3, replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1,
      conditions: [available, deadline] })
    expect(getHealth(d)).toEqual({ status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' })
  })

  it('R31 rolling: fewer updated than desired replicas is Progressing', () => {
    const d = deployment({}, { observedGeneration: 3, replicas: 4, updatedReplicas: 1, availableReplicas: 3, conditions: [available] })
    expect(getHealth(d)).toEqual({ status: 'Progressing', message: 'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...' })
  })

  it('R31 rolling: old replicas pending termination is Progressing', () => {
    const d = deployment({}, { observedGeneration: 3, replicas: 5, updatedReplicas: 3, availableReplicas: 3 })
    expect(getHealth(d)).toEqual({ status: 'Progressing', message: 'Waiting for rollout to finish: 2 old replicas are pending termination...' })
  })

  it('R31 rolling: updated replicas not yet available is Progressing', () => {
    const d = deployment({}, { observedGeneration: 3, replicas: 3, updatedReplicas: 3, availableReplicas: 1 })
    expect(getHealth(d)).toEqual({ status: 'Progressing', message: 'Waiting for rollout to finish: 1 of 3 updated replicas are available...' })
  })

  it('R31 a brand-new Deployment with no status yet is Progressing (generation 1 > observed 0)', () => {
    const d = deployment({}, {}, 1)
    expect(getHealth(d)?.status).toBe('Progressing')
  })

  it('R31 scaled to zero with no status counts is Healthy', () => {
    expect(getHealth(deployment({ replicas: 0 }, { observedGeneration: 3 }))).toEqual({ status: 'Healthy' })
  })

  it('R31 apps/v1beta1 is not converted: Unknown with the Go error text', () => {
    expect(getHealth({ ...deployment({}, done), apiVersion: 'apps/v1beta1' }))
      .toEqual({ status: 'Unknown', message: 'unsupported Deployment GVK: apps/v1beta1, Kind=Deployment' })
  })
})
