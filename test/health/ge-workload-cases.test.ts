// gitops-engine's own StatefulSet and DaemonSet health cases (pkg/health/health_test.go: TestStatefulSetHealth,
// TestStatefulSetOnDeleteHealth, TestDaemonSetOnDeleteHealth and their testdata), restated with the fields the checks
// read, plus one case per remaining branch of health_statefulset.go / health_daemonset.go (R95, R97).
import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'

function live(kind: string, name: string, generation: number | undefined, spec: object, status: object): KubeObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'default', ...(generation ? { generation } : {}) }, spec, status }
}

// testdata/statefulset.yaml and statefulset-ondelete.yaml: a one-replica redis-master with OnDelete, settled.
const redisStatus = { collisionCount: 0, currentReplicas: 1, currentRevision: 'redis-master-7b8f75b98', observedGeneration: 1,
  readyReplicas: 1, replicas: 1, updateRevision: 'redis-master-7b8f75b98' }
const redisSpec = { podManagementPolicy: 'OrderedReady', replicas: 1, updateStrategy: { type: 'OnDelete' } }

describe('R95 GE StatefulSet health (health_statefulset.go, GE testdata)', () => {
  it('R95 TestStatefulSetHealth: settled OnDelete redis-master is Healthy', () => {
    expect(getHealth(live('StatefulSet', 'redis-master', 1, redisSpec, redisStatus)))
      .toEqual({ status: 'Healthy', message: 'statefulset has 1 ready pods' })
  })
  it('R95 TestStatefulSetOnDeleteHealth: OnDelete with differing revisions is still Healthy', () => {
    expect(getHealth(live('StatefulSet', 'redis-master', 1, redisSpec, { ...redisStatus, updateRevision: 'redis-master-5c4d' })))
      .toEqual({ status: 'Healthy', message: 'statefulset has 1 ready pods' })
  })
  it('R95 generation ahead of observedGeneration is Progressing', () => {
    expect(getHealth(live('StatefulSet', 'redis-master', 2, redisSpec, redisStatus)))
      .toEqual({ status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' })
  })
  it('R95 no replicas in the spec skips the ready check', () => {
    const { replicas: _r, ...spec } = redisSpec
    expect(getHealth(live('StatefulSet', 'redis-master', 1, spec, { ...redisStatus, readyReplicas: 0 }))?.status).toBe('Healthy')
  })
  it('R95 RollingUpdate without rollingUpdate (never defaulted) compares revisions', () => {
    const spec = { replicas: 1, updateStrategy: { type: 'RollingUpdate' } }
    expect(getHealth(live('StatefulSet', 'redis-master', 1, spec, { ...redisStatus, updateRevision: 'redis-master-5c4d', updatedReplicas: 0 })))
      .toEqual({ status: 'Progressing', message: 'waiting for statefulset rolling update to complete 0 pods at revision redis-master-5c4d...' })
  })
  it('R95 RollingUpdate with rollingUpdate but no partition is Healthy once ready', () => {
    const spec = { replicas: 1, updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } }
    expect(getHealth(live('StatefulSet', 'redis-master', 1, spec, { ...redisStatus, updatedReplicas: 0 })))
      .toEqual({ status: 'Healthy', message: 'partitioned roll out complete: 0 new pods have been updated...' })
  })
  it('R95 a StatefulSet of another API version is Unknown', () => {
    const obj = { ...live('StatefulSet', 'redis-master', 1, redisSpec, redisStatus), apiVersion: 'apps/v1beta2' }
    expect(getHealth(obj)).toEqual({ status: 'Unknown', message: 'unsupported StatefulSet GVK: apps/v1beta2, Kind=StatefulSet' })
  })
})

// testdata/daemonset-ondelete.yaml: fluentd-elasticsearch in kube-system, OnDelete, no metadata.generation.
const fluentdStatus = { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberAvailable: 1, numberMisscheduled: 0,
  numberReady: 1, observedGeneration: 4 }

describe('R97 GE DaemonSet health (health_daemonset.go, GE testdata)', () => {
  it('R97 TestDaemonSetOnDeleteHealth: OnDelete fluentd-elasticsearch is Healthy (0 of 1 updated)', () => {
    expect(getHealth(live('DaemonSet', 'fluentd-elasticsearch', undefined, { updateStrategy: { type: 'OnDelete' } }, fluentdStatus)))
      .toEqual({ status: 'Healthy', message: 'daemon set 0 out of 1 new pods have been updated' })
  })
  it('R97 generation ahead of observedGeneration is Progressing, before the OnDelete shortcut', () => {
    expect(getHealth(live('DaemonSet', 'fluentd-elasticsearch', 5, { updateStrategy: { type: 'OnDelete' } }, fluentdStatus)))
      .toEqual({ status: 'Progressing', message: 'Waiting for rollout to finish: observed daemon set generation less than desired generation' })
  })
  it('R97 a DaemonSet with no eligible node (desired 0) is Healthy', () => {
    expect(getHealth(live('DaemonSet', 'agent', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 0, currentNumberScheduled: 0,
      numberMisscheduled: 0, numberReady: 0 }))).toEqual({ status: 'Healthy' })
  })
})
