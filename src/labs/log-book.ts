// Every Pod's log, kept after the Pod is gone. A real cluster drops a Pod's log with the Pod (a hook Job deleted by
// its policy takes its Pods along); the lab checker reads hook logs after that, and the page's log view shows them
// with a mark that says so.
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import type { ContainerOutput } from '../cluster/kubelet.ts'

export type { ContainerOutput }

/** One Pod's log, kept after the Pod is gone (hook Jobs are often deleted before anyone looks). */
export interface PodLog {
  uid: string
  namespace: string
  pod: string
  /** The owning Job's name, if any. */
  job?: string
  /** The controlling owner, as `Kind/name`. */
  owner?: string
  createdAt: number
  /** When the Pod left the cluster. */
  goneAt?: number
  /** The first container's log, as `kubectl logs` printed it while the Pod was there. */
  lines: string[]
}

interface Entry extends PodLog {
  read?: ((until: number) => ContainerOutput[]) | undefined
}

/** Records every Pod's log as it grows; the kubelet forgets a Pod's log once the Pod is deleted. */
export class LogBook {
  private byUid = new Map<string, Entry>()
  private stop: () => void

  constructor(private fake: FakeCluster) {
    this.stop = fake.watch(e => {
      const pod = e.object
      if (pod.kind !== 'Pod') return
      const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`
      let entry = this.byUid.get(uid)
      if (e.type === 'DELETED') {
        if (entry) entry.goneAt = fake.now()
        return
      }
      if (!entry) {
        const owners = pod.metadata.ownerReferences
        const job = owners?.find(o => o.kind === 'Job')?.name
        const owner = owners?.find(o => o.controller) ?? owners?.[0]
        entry = { uid, namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name ?? '', ...(job ? { job } : {}),
          ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}), createdAt: fake.now(), lines: [] }
        this.byUid.set(uid, entry)
      }
      entry.read ??= fake.logReader(entry.namespace, entry.pod)
      this.capture(entry)
    })
  }

  private capture(entry: PodLog): void {
    if (entry.goneAt !== undefined) return
    const lines = this.fake.logs(entry.namespace, entry.pod)
    if (lines && lines.length >= entry.lines.length) entry.lines = lines
  }

  /** Every Pod's log, the live ones read again now. */
  all(): PodLog[] {
    for (const entry of this.byUid.values()) this.capture(entry)
    return [...this.byUid.values()].map(({ read: _read, ...log }) => log)
  }

  /** Every Pod seen, gone ones too, without reading their logs again (the log view's list). */
  pods(): Array<Omit<PodLog, 'lines'>> {
    return [...this.byUid.values()].map(({ read: _read, lines: _lines, ...pod }) => pod)
  }

  /** What each container printed and when, up to now (or until the Pod was gone); [] before it ran. */
  output(uid: string): ContainerOutput[] {
    const entry = this.byUid.get(uid)
    if (!entry?.read) return []
    return entry.read(Math.min(this.fake.now(), entry.goneAt ?? Number.POSITIVE_INFINITY))
  }

  dispose(): void {
    this.stop()
  }
}
