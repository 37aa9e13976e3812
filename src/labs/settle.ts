// How long the simulated cluster runs on after an operation (or a deletion) has ended before a lab looks at it:
// long enough for the deletions that follow an operation to finish (a hook's Pods, a graceful Pod termination of up
// to 30 s, R75). The lab checker evaluates a task's check then, and the page's "To the end" stops there, so the
// learner sees the state the check sees. A lab can set its own (lab.yaml `settle`).
export const DEFAULT_SETTLE_MS = 60_000
