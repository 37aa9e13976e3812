// Status words with an icon each (never colour alone), as Argo CD's UI shows sync status, health and phases.
const icons: Record<string, string> = {
  Synced: '✔', OutOfSync: '⇄', Unknown: '?', Healthy: '♥', Progressing: '◌', Degraded: '✖', Suspended: '⏸',
  Missing: '∅', Succeeded: '✔', Failed: '✖', Error: '⚠', Running: '◌', Terminating: '■', Pruned: '🗑',
  PruneSkipped: '⊘', SyncFailed: '✖',
}

export function Badge({ value, label }: { value: string | undefined; label?: string }) {
  if (!value) return null
  return (
    <span className={`badge badge-${value}`} title={label ? `${label}: ${value}` : value}>
      <span aria-hidden="true">{icons[value] ?? '•'}</span> {label ? <span className="sr-only">{label}: </span> : null}{value}
    </span>
  )
}
