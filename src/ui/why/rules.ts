// The rules a learner meets while watching a sync, in short, numbered as in synclab's reference semantics, and
// which operation state points to which. Clicking a rule in the page shows its text.

export interface Rule {
  id: string
  title: string
  text: string
}

export const RULES: Record<string, Rule> = {
  R14: { id: 'R14', title: 'One group per look', text: 'Each time the controller looks at the operation it starts at most one group: the (phase, wave) of the first task still to run.' },
  R16: { id: 'R16', title: 'The gate between groups', text: 'The next group starts only when nothing of the earlier ones is still running. Hooks always hold it back; other resources hold it back only when the sync has more than one phase or wave, until they are Healthy (or have no health check).' },
  R17: { id: 'R17', title: 'When a sync succeeds', text: 'If the last group has no hooks, the operation succeeds right after it is applied ("all tasks run"), without waiting for health. If it has hooks, it succeeds once they complete ("no more tasks").' },
  R18: { id: 'R18', title: 'PostSync waits for health', text: 'A PostSync hook makes the sync multi-step, so PostSync starts only after every Sync-phase hook succeeded and every Sync-phase resource is Healthy.' },
  R20: { id: 'R20', title: 'The wave delay', text: 'After applying a group that is not the last, the controller waits ARGOCD_SYNC_WAVE_DELAY (2 s by default) before it looks again.' },
  R21: { id: 'R21', title: 'When the controller looks', text: 'Argo CD notices changes on its next look at the operation: a change to a managed object asks for a look 5 s later (changes in between are batched), and it looks at least every 30 s.' },
  R28: { id: 'R28', title: 'When is a hook done', text: 'A hook is done when its live object is Healthy (Succeeded) or Degraded (Failed). A Job is Healthy when Complete; a kind without a health check (ConfigMap, Secret) is done as soon as it exists.' },
  R33: { id: 'R33', title: 'BeforeHookCreation', text: 'The default delete policy. When the hook\'s group runs and an object of the same name exists, it is deleted first; the new one is created on a later look, once the old one is gone.' },
  R34: { id: 'R34', title: 'HookSucceeded', text: 'Deleted when the whole operation succeeds, not when the hook itself succeeds: a PreSync hook with HookSucceeded lives through Sync and PostSync. If the sync fails, it stays.' },
  R35: { id: 'R35', title: 'HookFailed', text: 'Deleted when the operation fails (even hooks that succeeded); never deleted when it succeeds.' },
  R39: { id: 'R39', title: 'A failure stops the sync', text: 'Once any task completed unsuccessfully (a hook failed, a resource is Degraded, an apply failed), no further group starts: HookFailed hooks are deleted, SyncFail hooks run, the operation fails.' },
  R40: { id: 'R40', title: 'Apply failures', text: 'The other tasks of the group are still applied. If some are still running, SyncFail hooks start at once and the operation waits for everything; otherwise it fails at once with "one or more objects failed to apply".' },
  R42: { id: 'R42', title: 'The SyncFail phase', text: 'All SyncFail hooks start together when the sync fails; the operation stays Running until they complete, then becomes Failed.' },
  R45: { id: 'R45', title: 'The dry run', text: 'On its first look the controller applies every task as a client-side dry run; if any fails, nothing is created and the operation fails.' },
  R89: { id: 'R89', title: 'Readiness probes', text: 'A container with a readiness probe is Ready only once the probe passes (first run after initialDelaySeconds, then every periodSeconds); until then its Pod is Running with READY 0/1, the workload is not Healthy, and the next wave waits (R16, R90).' },
  R46: { id: 'R46', title: 'A missing resource', text: 'A running task whose object disappeared fails: "Resource … is missing, it might have been deleted".' },
  R51: { id: 'R51', title: 'Waiting for prunes', text: 'Pruned objects are deleted in the foreground; the next group waits until they are gone.' },
  R52: { id: 'R52', title: 'Prune confirmation', text: 'An object with Prune=confirm waits for the learner to confirm before it is pruned.' },
  R60: { id: 'R60', title: 'Terminate', text: 'Terminate stops running hooks (they are deleted), keeps what completed, runs no SyncFail hooks, and fails the operation: "Operation terminated".' },
  R61: { id: 'R61', title: 'Retry', text: 'With a retry strategy a failed operation starts over after a back-off (5 s doubling by default), with the same start time, so generateName hooks get the same names.' },
}

/** The rule that explains an operation message (Argo CD's own words). */
export function ruleForMessage(message: string, phase: string, inWaveDelay: boolean): string | undefined {
  if (inWaveDelay) return 'R20'
  if (message.startsWith('waiting for completion of hook')) return 'R16'
  if (message.startsWith('waiting for healthy state of')) return 'R16'
  if (message.startsWith('waiting for deletion of hook')) return 'R33'
  if (message.startsWith('waiting for deletion of')) return 'R51'
  if (message.startsWith('waiting for pruning confirmation')) return 'R52'
  if (message.startsWith('successfully synced')) return 'R17'
  if (message.includes('failed to apply (dry run)')) return 'R45'
  if (message.startsWith('one or more objects failed to apply')) return 'R40'
  if (message.startsWith('one or more synchronization tasks completed unsuccessfully')) return 'R39'
  if (message.includes('Retrying attempt')) return 'R61'
  if (message === 'Operation terminated') return 'R60'
  if (phase === 'Running') return 'R14'
  return undefined
}
