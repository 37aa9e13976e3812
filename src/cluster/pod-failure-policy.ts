// A Job's podFailurePolicy (R84, R85): its rules are checked in order against each failed Pod and the first that
// matches decides what the failure means: FailJob (the Job fails at once), Ignore (not counted, a new Pod follows)
// or Count (the default, also when no rule matches). After kubernetes pkg/controller/job/pod_failure_policy.go.
import type { ContainerStatus, Pod } from './objects.ts'

export type PodFailureAction = 'FailJob' | 'Ignore' | 'Count' | 'FailIndex'

export interface PodFailurePolicyRule {
  action: PodFailureAction
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] }
  onPodConditions?: Array<{ type: string; status?: 'True' | 'False' | 'Unknown' }>
}

export interface PodFailurePolicy {
  rules: PodFailurePolicyRule[]
}

export interface PolicyOutcome {
  action: PodFailureAction
  /** For FailJob: the Job's condition message. */
  message?: string
}

/** What the policy makes of one failed Pod; Count when no rule matches (R84). */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyOutcome {
  const rules = policy?.rules ?? []
  const where = `pod ${pod.metadata.namespace}/${pod.metadata.name}`
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!
    if (rule.onExitCodes) {
      const container = matchingContainer(pod, rule.onExitCodes)
      if (container) {
        return { action: rule.action, message: `Container ${container.name} for ${where} failed with exit code ` +
          `${container.state.terminated!.exitCode} matching ${rule.action} rule at index ${index}` }
      }
    } else if (rule.onPodConditions) {
      for (const condition of pod.status?.conditions ?? []) {
        const hit = rule.onPodConditions.some(r => r.type === condition.type && (r.status ?? 'True') === condition.status)
        if (hit) {
          return { action: rule.action,
            message: `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${condition.type} matching ` +
              `${rule.action} rule at index ${index}` }
        }
      }
    }
  }
  return { action: 'Count' }
}

/** App containers first, then init containers; exit code 0 never matches (R84). */
function matchingContainer(pod: Pod, req: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  const matches = (c: ContainerStatus) => {
    const code = c.state.terminated?.exitCode
    if (code === undefined || code === 0) return false
    if (req.containerName !== undefined && req.containerName !== c.name) return false
    return req.operator === 'In' ? req.values.includes(code) : !req.values.includes(code)
  }
  return pod.status?.containerStatuses?.find(matches) ?? pod.status?.initContainerStatuses?.find(matches)
}
