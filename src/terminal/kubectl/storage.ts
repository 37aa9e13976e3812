// `kubectl get persistentvolumeclaims` and `persistentvolumes`, as kubectl 1.32's printers print them
// (pkg/printers/internalversion printPersistentVolumeClaim, printPersistentVolume).
import type { KubeObject } from '../../cluster/objects.ts'
import { age } from '../common.ts'
import type { Columns } from './columns.ts'

interface ClaimSpec { volumeName?: string; storageClassName?: string; accessModes?: string[]; volumeMode?: string }
interface VolumeSpec extends ClaimSpec {
  capacity?: { storage?: string }
  persistentVolumeReclaimPolicy?: string
  claimRef?: { namespace?: string; name?: string }
}

const SHORT_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' }
const modesText = (modes: string[] | undefined) => (modes ?? []).map(m => SHORT_MODES[m] ?? m).join(',')

/** Columns of `kubectl get pvc` / `pv`, or undefined for other kinds. */
export function storageColumns(kind: string, wide: boolean): Columns | undefined {
  if (kind === 'PersistentVolumeClaim') {
    return {
      header: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE',
        ...(wide ? ['VOLUMEMODE'] : [])],
      row: (obj, now) => {
        const spec = (obj.spec ?? {}) as ClaimSpec
        const status = (obj.status ?? {}) as { phase?: string; accessModes?: string[]; capacity?: { storage?: string } }
        const bound = status.phase === 'Bound'
        return [obj.metadata.name ?? '', obj.metadata.deletionTimestamp ? 'Terminating' : status.phase ?? 'Pending',
          spec.volumeName ?? '', bound ? status.capacity?.storage ?? '' : '', bound ? modesText(status.accessModes) : '',
          spec.storageClassName ?? '<unset>', '<unset>', age(obj, now), ...(wide ? [spec.volumeMode ?? 'Filesystem'] : [])]
      },
    }
  }
  if (kind === 'PersistentVolume') {
    return {
      header: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS',
        'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE', ...(wide ? ['VOLUMEMODE'] : [])],
      row: (obj: KubeObject, now) => {
        const spec = (obj.spec ?? {}) as VolumeSpec
        const status = (obj.status ?? {}) as { phase?: string; reason?: string }
        const claim = spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : ''
        return [obj.metadata.name ?? '', spec.capacity?.storage ?? '', modesText(spec.accessModes),
          spec.persistentVolumeReclaimPolicy ?? '', obj.metadata.deletionTimestamp ? 'Terminating' : status.phase ?? '',
          claim, spec.storageClassName ?? '', '<unset>', status.reason ?? '',
          age(obj, now), ...(wide ? [spec.volumeMode ?? 'Filesystem'] : [])]
      },
    }
  }
  return undefined
}
