import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import type { PodFailurePolicyRule } from '../../src/cluster/pod-failure-policy.ts'
import { cluster, conditionTypes, getJob, job, podsOf, runUntil } from './helpers.ts'

function withPolicy(j: KubeObject, rules: PodFailurePolicyRule[], initContainers?: unknown[]): KubeObject {
  const spec = j.spec as { template: { spec: Record<string, unknown> } }
  if (initContainers) spec.template.spec['initContainers'] = initContainers
  return { ...j, spec: { ...spec, podFailurePolicy: { rules } } }
}

const finished = (c: ReturnType<typeof cluster>, name: string) =>
  conditionTypes(getJob(c, name)).some(t => t.startsWith('Complete:') || t.startsWith('Failed:'))

describe('Job podFailurePolicy (R84, R85)', () => {
  it('R85 FailJob on a matching exit code fails the Job at once, with the rule\'s message; GE Degraded', () => {
    const c = cluster()
    c.apply(withPolicy(job('migrate', { command: ['sh', '-c', 'exit 42'], backoffLimit: 6 }),
      [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }]))
    runUntil(c, () => finished(c, 'migrate'))
    expect(conditionTypes(getJob(c, 'migrate'))).toEqual(['FailureTarget:PodFailurePolicy', 'Failed:PodFailurePolicy'])
    const [pod] = podsOf(c, 'migrate')
    const message = `Container main for pod default/${pod!.metadata.name} failed with exit code 42 matching FailJob rule at index 0`
    expect(getJob(c, 'migrate')!.status?.conditions?.find(x => x.type === 'Failed')?.message).toBe(message)
    expect(podsOf(c, 'migrate')).toHaveLength(1) // no second Pod despite backoffLimit 6
    expect(getHealth(getJob(c, 'migrate')!)).toEqual({ status: 'Degraded', message })
  })

  it('R84 Ignore: matching failures are not counted; the Job makes new Pods past backoffLimit', () => {
    const c = cluster()
    c.apply(withPolicy(job('flaky', { command: ['sh', '-c', 'exit 3'], backoffLimit: 0 }),
      [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }]))
    c.advance(120_000)
    expect(conditionTypes(getJob(c, 'flaky'))).toEqual([])
    expect(podsOf(c, 'flaky').length).toBeGreaterThanOrEqual(3)
    expect(getJob(c, 'flaky')!.status?.failed).toBeUndefined()
  })

  it('R84 rules are checked in order, the first match decides; no match counts as usual (BackoffLimitExceeded)', () => {
    const c = cluster()
    const rules: PodFailurePolicyRule[] = [
      { action: 'Count', onExitCodes: { operator: 'In', values: [1] } },
      { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } },
    ]
    c.apply(withPolicy(job('first', { command: ['sh', '-c', 'exit 1'], backoffLimit: 0 }), rules))
    c.apply(withPolicy(job('second', { command: ['sh', '-c', 'exit 2'], backoffLimit: 3 }), rules))
    c.apply(withPolicy(job('none', { command: ['sh', '-c', 'exit 5'], backoffLimit: 0 }),
      [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }]))
    runUntil(c, () => ['first', 'second', 'none'].every(n => finished(c, n)))
    expect(conditionTypes(getJob(c, 'first'))).toContain('Failed:BackoffLimitExceeded')
    expect(conditionTypes(getJob(c, 'second'))).toContain('Failed:PodFailurePolicy')
    expect(conditionTypes(getJob(c, 'none'))).toContain('Failed:BackoffLimitExceeded')
  })

  it('R84 onExitCodes also reads init containers', () => {
    const c = cluster()
    c.apply(withPolicy(job('migrate', { command: ['true'], backoffLimit: 6 }),
      [{ action: 'FailJob', onExitCodes: { containerName: 'wait', operator: 'In', values: [7] } }],
      [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'exit 7'] }]))
    runUntil(c, () => finished(c, 'migrate'))
    expect(getJob(c, 'migrate')!.status?.conditions?.find(x => x.type === 'Failed')?.message)
      .toMatch(/^Container wait for pod default\/migrate-\w{5} failed with exit code 7 matching FailJob rule at index 0$/)
  })

  it('R84 a podFailurePolicy needs restartPolicy Never', () => {
    const c = cluster()
    expect(() => c.apply(withPolicy(job('j', { restartPolicy: 'OnFailure' }),
      [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }])))
      .toThrow('spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified')
  })
})
