import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { ctr, pod } from './fixtures.ts'

const crashLoop = ctr('main', {
  waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=main pod=web-7d9f8-abcde_shop(pod-uid-1)' },
}, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error' } } })
const imagePullBackOff = ctr('main', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "web:2.0"' } })
const errImagePull = ctr('main', { waiting: { reason: 'ErrImagePull', message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/web:2.0"' } })
const configError = ctr('main', { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db-creds" not found' } })
const creating = ctr('main', { waiting: { reason: 'ContainerCreating' } })
const running = ctr('main', { running: { startedAt: '2024-05-01T10:00:05Z' } })

describe('R30 Pod health, restartPolicy Never/OnFailure (hook pods)', () => {
  it('R30 a Pending hook pod is Progressing', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Pending', containerStatuses: [creating] }))).toEqual({ status: 'Progressing' })
  })

  it('R30 a Running Never pod is Progressing even when Ready', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, containerStatuses: [running] }))).toEqual({ status: 'Progressing' })
  })

  it('R30 a Running OnFailure pod is Progressing even while its container crash-loops', () => {
    expect(getHealth(pod({ restartPolicy: 'OnFailure', phase: 'Running', containerStatuses: [crashLoop] }))).toEqual({ status: 'Progressing' })
  })

  it('R30 ImagePullBackOff / ErrImagePull do not degrade a Never pod (Pending -> Progressing)', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Pending', containerStatuses: [imagePullBackOff] }))?.status).toBe('Progressing')
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Pending', containerStatuses: [errImagePull] }))?.status).toBe('Progressing')
  })

  it('R30 a Succeeded pod is Healthy', () => {
    const done = ctr('main', { terminated: { exitCode: 0, reason: 'Completed' } })
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Succeeded', containerStatuses: [done] }))).toEqual({ status: 'Healthy' })
  })

  it('R30 a Failed pod with a status message is Degraded with that message', () => {
    const p = pod({ restartPolicy: 'Never', phase: 'Failed', message: 'Pod was active on the node longer than the specified deadline',
      containerStatuses: [ctr('main', { terminated: { exitCode: 137, reason: 'Error' } })] })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'Pod was active on the node longer than the specified deadline' })
  })

  it('R30 a Failed pod without a message uses the container terminated message', () => {
    const p = pod({ restartPolicy: 'Never', phase: 'Failed',
      containerStatuses: [ctr('main', { terminated: { exitCode: 2, reason: 'Error', message: 'migration 42 failed: relation exists' } })] })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'migration 42 failed: relation exists' })
  })

  it('R30 a Failed pod killed for memory reads "OOMKilled"', () => {
    const p = pod({ restartPolicy: 'Never', phase: 'Failed', containerStatuses: [ctr('main', { terminated: { exitCode: 137, reason: 'OOMKilled' } })] })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'OOMKilled' })
  })

  it('R30 a Failed pod with a non-zero exit code reads container "<c>" failed with exit code <n>', () => {
    const p = pod({ restartPolicy: 'OnFailure', phase: 'Failed', containerStatuses: [
      ctr('sidecar', { terminated: { exitCode: 0, reason: 'Completed' } }),
      ctr('main', { terminated: { exitCode: 3, reason: 'Error' } }),
    ] })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'container "main" failed with exit code 3' })
  })

  it('R30 init container failures are checked before app containers', () => {
    const p = pod({ restartPolicy: 'Never', phase: 'Failed',
      initContainerStatuses: [ctr('wait-db', { terminated: { exitCode: 1, reason: 'Error' } })],
      containerStatuses: [ctr('main', { waiting: { reason: 'PodInitializing' } })] })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'container "wait-db" failed with exit code 1' })
  })

  it('R30 a Failed pod with no usable detail is Degraded without message', () => {
    const p = pod({ restartPolicy: 'Never', phase: 'Failed', containerStatuses: [ctr('main', { terminated: { exitCode: 0 } })] })
    expect(getHealth(p)).toEqual({ status: 'Degraded' })
  })

  it('R30 phase Unknown (node lost) is Unknown with the pod message', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Unknown', message: 'node node-1 is unreachable' })))
      .toEqual({ status: 'Unknown', message: 'node node-1 is unreachable' })
  })
})

describe('R30 Pod health, restartPolicy Always (long-running pods)', () => {
  it('R30 Running and Ready is Healthy', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Running', ready: true, containerStatuses: [running] }))).toEqual({ status: 'Healthy' })
  })

  it('R30 Running, not ready, never terminated is Progressing (still starting)', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Running', containerStatuses: [running] }))).toEqual({ status: 'Progressing' })
  })

  it('R30 Running, not ready, with a previously terminated container is Degraded', () => {
    const restarted = ctr('main', { running: { startedAt: 'x' } }, { ready: false, restartCount: 1,
      lastState: { terminated: { exitCode: 1, reason: 'Error' } } })
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Running', containerStatuses: [restarted] }))).toEqual({ status: 'Degraded' })
  })

  it('R30 CrashLoopBackOff (reason ends in BackOff) is Degraded with the waiting message', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Running', containerStatuses: [crashLoop] })))
      .toEqual({ status: 'Degraded', message: 'back-off 40s restarting failed container=main pod=web-7d9f8-abcde_shop(pod-uid-1)' })
  })

  it('R30 ImagePullBackOff on a Pending pod is Degraded (checked before the phase)', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Pending', containerStatuses: [imagePullBackOff] })))
      .toEqual({ status: 'Degraded', message: 'Back-off pulling image "web:2.0"' })
  })

  it('R30 ErrImagePull (reason starts with Err) is Degraded', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Pending', containerStatuses: [errImagePull] }))?.status).toBe('Degraded')
  })

  it('R30 CreateContainerConfigError (reason ends with Error) is Degraded', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Pending', containerStatuses: [configError] })))
      .toEqual({ status: 'Degraded', message: 'secret "db-creds" not found' })
  })

  it('R30 messages of several bad containers are joined with ", "', () => {
    const a = ctr('a', { waiting: { reason: 'ImagePullBackOff', message: 'm1' } })
    const b = ctr('b', { waiting: { reason: 'CrashLoopBackOff', message: 'm2' } })
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Running', containerStatuses: [a, running, b] })))
      .toEqual({ status: 'Degraded', message: 'm1, m2' })
  })

  it('R30 a harmless waiting reason (ContainerCreating) on a Pending pod is Progressing', () => {
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Pending', containerStatuses: [creating] }))).toEqual({ status: 'Progressing' })
  })

  it('R30 waiting reasons of init containers are not inspected', () => {
    const init = ctr('init', { waiting: { reason: 'CrashLoopBackOff', message: 'x' } })
    expect(getHealth(pod({ restartPolicy: 'Always', phase: 'Pending', initContainerStatuses: [init] }))?.status).toBe('Progressing')
  })
})

describe('R30 Pod health, ignore-restart-policy annotation and unset restartPolicy', () => {
  const ignore = { 'argocd.argoproj.io/ignore-restart-policy': 'true' }

  it('R30 a non-hook Never pod with ignore-restart-policy is assessed as long-running (Ready -> Healthy)', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, annotations: ignore }))).toEqual({ status: 'Healthy' })
  })

  it('R30 ignore-restart-policy also enables the BackOff -> Degraded rule', () => {
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', annotations: ignore, containerStatuses: [crashLoop] }))?.status).toBe('Degraded')
  })

  it('R30 ignore-restart-policy is not honoured on hook pods (Argo or Helm hook annotation)', () => {
    const argo = { ...ignore, 'argocd.argoproj.io/hook': 'PostSync' }
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, annotations: argo }))?.status).toBe('Progressing')
    const helm = { ...ignore, 'helm.sh/hook': 'post-install' }
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, annotations: helm }))?.status).toBe('Progressing')
  })

  it('R30 a hook annotation of only Skip, or helm crd-install, is not a hook: the annotation is honoured', () => {
    const skip = { ...ignore, 'argocd.argoproj.io/hook': 'Skip' }
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, annotations: skip }))?.status).toBe('Healthy')
    const crd = { ...ignore, 'helm.sh/hook': 'crd-install' }
    expect(getHealth(pod({ restartPolicy: 'Never', phase: 'Running', ready: true, annotations: crd }))?.status).toBe('Healthy')
  })

  it('R30 a Running pod with no restartPolicy field is Unknown, as in Go (the API server would default Always)', () => {
    expect(getHealth(pod({ phase: 'Running', ready: true }))).toEqual({ status: 'Unknown' })
  })
})
