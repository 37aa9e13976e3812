// PersistentVolumeClaims as a small real cluster binds them: minikube's default StorageClass `standard`
// (provisioner k8s.io/minikube-hostpath, volumeBindingMode Immediate, reclaimPolicy Delete). A claim of that class
// (or of none: the DefaultStorageClass admission names `standard`) is Pending, then Bound to a new PersistentVolume
// `pvc-<uid>` once the provisioner made it; a claim of a class the cluster does not have stays Pending with
// ProvisioningFailed, as the persistentvolume-controller says it. A deleted claim takes its volume along (Delete).
// Argo CD's PVC health reads the phase: Pending is Progressing, Bound is Healthy (GE health_pvc.go).
import type { VirtualClock } from './clock.ts'
import { DEFAULT_STORAGE_CLASS } from './defaults.ts'
import type { EventRecorder } from './events.ts'
import { type KubeObject, refOf } from './objects.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { timings } from './timings.ts'

export const PROVISIONER = 'k8s.io/minikube-hostpath'
const CONTROLLER = 'persistentvolume-controller'

interface ClaimSpec {
  storageClassName?: string
  accessModes?: string[]
  volumeName?: string
  volumeMode?: string
  resources?: { requests?: { storage?: string } }
}

export class VolumeController {
  /** Claims whose volume is being provisioned (uid), so a second event does not provision twice. */
  private provisioning = new Set<string>()

  constructor(private store: ObjectStore, private clock: VirtualClock, private events: EventRecorder) {
    store.watch(e => this.onEvent(e), ['PersistentVolumeClaim'])
  }

  private onEvent(e: WatchEvent): void {
    const claim = e.object
    if (e.type === 'DELETED') {
      this.releaseVolume(claim)
      return
    }
    if (e.type !== 'ADDED' || claim.metadata.deletionTimestamp) return
    const spec = (claim.spec ?? {}) as ClaimSpec
    if (spec.volumeName) return // bound to a volume named in advance: nothing to provision
    const className = spec.storageClassName ?? DEFAULT_STORAGE_CLASS
    if (className === '') {
      // No class: only a volume made by hand could bind it, and this cluster has none.
      this.events.record(claim, 'Normal', 'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set', CONTROLLER)
      return
    }
    if (!this.classExists(className)) {
      this.events.record(claim, 'Warning', 'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`, CONTROLLER)
      return
    }
    this.startProvisioning(claim, className)
  }

  /** `standard` is there from the start; any other class only once a StorageClass of that name exists. */
  private classExists(name: string): boolean {
    return name === DEFAULT_STORAGE_CLASS || this.store.get({ kind: 'StorageClass', namespace: '', name }) !== undefined
  }

  private startProvisioning(claim: KubeObject, className: string): void {
    const uid = claim.metadata.uid!
    this.provisioning.add(uid)
    const who = `${claim.metadata.namespace}/${claim.metadata.name}`
    this.events.record(claim, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the ` +
      `external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, ` +
      `please verify that the provisioner is running and correctly registered.`, CONTROLLER)
    this.events.record(claim, 'Normal', 'Provisioning',
      `External provisioner is provisioning volume for claim "${who}"`, PROVISIONER)
    this.clock.schedule(timings.volumeProvisionMs, () => this.bind(uid, className), 'volume:provision')
  }

  /** The provisioner made the volume: a PersistentVolume bound to the claim, and the claim Bound to it. */
  private bind(uid: string, className: string): void {
    this.provisioning.delete(uid)
    const claim = this.store.getByUid(uid)
    if (!claim || claim.metadata.deletionTimestamp) return
    const spec = (claim.spec ?? {}) as ClaimSpec
    const volumeName = `pvc-${uid}`
    const capacity = { storage: spec.resources?.requests?.storage ?? '0' }
    const accessModes = spec.accessModes ?? ['ReadWriteOnce']
    this.store.create({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: volumeName, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
      spec: {
        capacity, accessModes, persistentVolumeReclaimPolicy: 'Delete', storageClassName: className,
        volumeMode: spec.volumeMode ?? 'Filesystem',
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace,
          name: claim.metadata.name, uid },
        hostPath: { path: `/tmp/hostpath-provisioner/${claim.metadata.namespace}/${claim.metadata.name}`, type: '' },
      },
      status: { phase: 'Bound' },
    })
    this.store.updateMetadata(refOf(claim), meta => {
      meta.annotations = { ...meta.annotations, 'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': PROVISIONER }
    })
    const now = this.store.getByUid(uid)!
    this.store.updateSpecAndStatus(refOf(now), { ...spec, volumeName }, { phase: 'Bound', accessModes, capacity })
    this.events.record(now, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volumeName}`, PROVISIONER)
  }

  /** reclaimPolicy Delete: the claim's volume goes with it. */
  private releaseVolume(claim: KubeObject): void {
    this.provisioning.delete(claim.metadata.uid!)
    const volumeName = ((claim.spec ?? {}) as ClaimSpec).volumeName
    if (!volumeName) return
    const volume = this.store.get({ kind: 'PersistentVolume', namespace: '', name: volumeName })
    const claimRef = (volume?.spec as { claimRef?: { uid?: string } } | undefined)?.claimRef
    if (volume && claimRef?.uid === claim.metadata.uid && !volume.metadata.deletionTimestamp) this.store.delete(refOf(volume))
  }
}

/** A claim's phase for the scheduler: undefined when there is no such claim. */
export function claimPhase(store: ObjectStore, namespace: string, name: string): string | undefined {
  const claim = store.get({ kind: 'PersistentVolumeClaim', namespace, name })
  if (!claim) return undefined
  return ((claim.status ?? {}) as { phase?: string }).phase ?? 'Pending'
}
