import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { cond, obj } from './fixtures.ts'

const rs = (spec: object, status: object) =>
  obj('apps/v1', 'ReplicaSet', { spec: { replicas: 3, ...spec }, status }, 'web-7d9f8') as ReturnType<typeof obj>
const withGen = <T extends ReturnType<typeof obj>>(o: T, generation: number): T => ({ ...o, metadata: { ...o.metadata, generation } })

describe('ReplicaSet health (GE health_replicaset.go)', () => {
  it('ReplicaSet with all replicas available is Healthy', () => {
    expect(getHealth(withGen(rs({}, { observedGeneration: 2, replicas: 3, availableReplicas: 3 }), 2))).toEqual({ status: 'Healthy' })
  })
  it('ReplicaSet with observedGeneration behind is Progressing', () => {
    expect(getHealth(withGen(rs({}, { observedGeneration: 1 }), 2))).toEqual({
      status: 'Progressing', message: 'Waiting for rollout to finish: observed replica set generation less than desired generation' })
  })
  it('ReplicaSet with ReplicaFailure=True is Degraded with the condition message', () => {
    const failure = cond('ReplicaFailure', 'True', 'FailedCreate', 'pods "web-7d9f8-x" is forbidden: exceeded quota')
    expect(getHealth(withGen(rs({}, { observedGeneration: 2, availableReplicas: 1, conditions: [failure] }), 2)))
      .toEqual({ status: 'Degraded', message: 'pods "web-7d9f8-x" is forbidden: exceeded quota' })
  })
  it('ReplicaSet with fewer available than desired is Progressing', () => {
    expect(getHealth(withGen(rs({}, { observedGeneration: 2, availableReplicas: 1 }), 2))).toEqual({
      status: 'Progressing', message: 'Waiting for rollout to finish: 1 out of 3 new replicas are available...' })
  })
})

const sts = (spec: object, status: object) =>
  withGen(obj('apps/v1', 'StatefulSet', { spec: { replicas: 3, ...spec }, status }, 'db'), 2)

describe('StatefulSet health (GE health_statefulset.go)', () => {
  const ok = { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'db-abc', updateRevision: 'db-abc' }
  it('StatefulSet never observed (observedGeneration 0) is Progressing', () => {
    expect(getHealth(sts({}, {}))).toEqual({ status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' })
  })
  it('StatefulSet with pods not ready is Progressing', () => {
    expect(getHealth(sts({}, { ...ok, readyReplicas: 1 }))).toEqual({ status: 'Progressing', message: 'Waiting for 2 pods to be ready...' })
  })
  it('StatefulSet partitioned rollout: Progressing until replicas-partition are updated, then Healthy', () => {
    const strategy = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }
    expect(getHealth(sts(strategy, { ...ok, updatedReplicas: 1 }))).toEqual({
      status: 'Progressing', message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...' })
    expect(getHealth(sts(strategy, { ...ok, updatedReplicas: 2 }))).toEqual({
      status: 'Healthy', message: 'partitioned roll out complete: 2 new pods have been updated...' })
  })
  it('StatefulSet OnDelete is Healthy once pods are ready', () => {
    expect(getHealth(sts({ updateStrategy: { type: 'OnDelete' } }, { ...ok, updateRevision: 'db-new' })))
      .toEqual({ status: 'Healthy', message: 'statefulset has 3 ready pods' })
  })
  it('StatefulSet rolling update with differing revisions is Progressing, equal revisions Healthy', () => {
    const strategy = { updateStrategy: { type: 'RollingUpdate' } }
    expect(getHealth(sts(strategy, { ...ok, updatedReplicas: 1, updateRevision: 'db-new' }))).toEqual({
      status: 'Progressing', message: 'waiting for statefulset rolling update to complete 1 pods at revision db-new...' })
    expect(getHealth(sts(strategy, ok))).toEqual({
      status: 'Healthy', message: 'statefulset rolling update complete 3 pods at revision db-abc...' })
  })
})

const ds = (spec: object, status: object) => withGen(obj('apps/v1', 'DaemonSet', { spec, status }, 'agent'), 2)

describe('DaemonSet health (GE health_daemonset.go)', () => {
  const ok = { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }
  it('DaemonSet rolled out is Healthy', () => {
    expect(getHealth(ds({}, ok))).toEqual({ status: 'Healthy' })
  })
  it('DaemonSet with observedGeneration behind is Progressing', () => {
    expect(getHealth(ds({}, { ...ok, observedGeneration: 1 }))?.message)
      .toBe('Waiting for rollout to finish: observed daemon set generation less than desired generation')
  })
  it('DaemonSet OnDelete is Healthy even if not all pods are updated', () => {
    expect(getHealth(ds({ updateStrategy: { type: 'OnDelete' } }, { ...ok, updatedNumberScheduled: 1 })))
      .toEqual({ status: 'Healthy', message: 'daemon set 1 out of 3 new pods have been updated' })
  })
  it('DaemonSet not all updated, then not all available, is Progressing', () => {
    expect(getHealth(ds({}, { ...ok, updatedNumberScheduled: 1 }))).toEqual({ status: 'Progressing',
      message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...' })
    expect(getHealth(ds({}, { ...ok, numberAvailable: 2 }))).toEqual({ status: 'Progressing',
      message: 'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...' })
  })
})
