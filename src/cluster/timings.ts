// How long things take on the simulated cluster, in virtual ms. Chosen to look like a small real cluster, so
// that a learner's timeline has the proportions a real `kubectl get pod -w` shows.
export const timings = {
  /** Pod created → bound to the node. */
  schedulingMs: 1000,
  /** Image present → container created and started. */
  containerCreateMs: 500,
  /** imagePullPolicy Always with the image already on the node: the registry is asked, nothing is downloaded. */
  cachedPullCheckMs: 800,
  /** An image that is not in the catalog: the registry answers "not found" after this long. */
  failedPullMs: 1200,
  /** Back-off between pull retries and between container restarts: 10 s doubling, capped at 5 minutes. */
  kubeletBackoffBaseMs: 10_000,
  kubeletBackoffMaxMs: 300_000,
  /** A process that handles SIGTERM takes this long to exit. */
  sigtermExitMs: 300,
  /** Job: back-off before re-creating a failed Pod, 10 s doubling (R68), capped at 10 minutes (controller code). */
  jobBackoffBaseMs: 10_000,
  jobBackoffMaxMs: 600_000,
  /** A PersistentVolumeClaim created → its volume provisioned and the claim Bound (minikube's hostpath provisioner). */
  volumeProvisionMs: 1000,
  /** Deployment: how long a new ReplicaSet takes to be created after the Deployment changes. */
  controllerReactionMs: 0,
}

export function backoff(baseMs: number, maxMs: number, attempt: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
}
