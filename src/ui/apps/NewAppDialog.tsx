// NEW APP, as in Argo CD's UI: GENERAL (application name, project, sync policy), SOURCE (repository URL, revision,
// path), DESTINATION (cluster URL, namespace), prefilled with the lab's application. Create sends the request
// `argocd app create` sends, so the answer (and any error) is the CLI's. Loaded when the learner opens it.
import { useEffect, useId, useRef, useState } from 'react'
import type { NewAppSpec } from '../session/new-app.ts'
import type { Session } from '../session/session.ts'

export function NewAppDialog({ session, initial, onClose }: { session: Session; initial: NewAppSpec; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()
  const [spec, setSpec] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string[] | undefined>()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  const field = <K extends keyof NewAppSpec>(key: K) => (value: NewAppSpec[K]) => setSpec(s => ({ ...s, [key]: value }))
  const create = async () => {
    setBusy(true)
    const outcome = await session.createApp(spec)
    setBusy(false)
    if (outcome.ok) onClose()
    else setError(outcome.lines)
  }
  const text = (key: 'name' | 'project' | 'repoURL' | 'revision' | 'path' | 'server' | 'namespace', label: string) => (
    <div className="new-app-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={spec[key]} onChange={e => field(key)(e.target.value)} spellCheck={false}
        data-testid={`new-app-${key}`} required={key !== 'revision'} />
    </div>
  )
  return (
    <dialog ref={ref} className="new-app-dialog" aria-labelledby={`${id}-title`} onClose={onClose}
      data-testid="new-app-dialog">
      <form method="dialog" onSubmit={e => { e.preventDefault(); void create() }}>
        <h2 id={`${id}-title`}>New application</h2>
        <fieldset>
          <legend>General</legend>
          {text('name', 'Application Name')}
          {text('project', 'Project Name')}
          <div className="new-app-field">
            <label htmlFor={`${id}-policy`}>Sync Policy</label>
            <select id={`${id}-policy`} value={spec.automated ? 'automatic' : 'manual'} data-testid="new-app-policy"
              onChange={e => field('automated')(e.target.value === 'automatic')}>
              <option value="manual">Manual</option>
              <option value="automatic">Automatic</option>
            </select>
          </div>
          {spec.automated ? (
            <div className="new-app-field">
              <label><input type="checkbox" checked={spec.prune} onChange={e => field('prune')(e.target.checked)} /> Prune
                resources</label>{' '}
              <label><input type="checkbox" checked={spec.selfHeal} onChange={e => field('selfHeal')(e.target.checked)} /> Self
                heal</label>
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Source</legend>
          {text('repoURL', 'Repository URL')}
          {text('revision', 'Revision')}
          {text('path', 'Path')}
        </fieldset>
        <fieldset>
          <legend>Destination</legend>
          {text('server', 'Cluster URL')}
          {text('namespace', 'Namespace')}
        </fieldset>
        {error ? <pre className="new-app-error" role="alert" data-testid="new-app-error">{error.join('\n')}</pre> : null}
        <div className="new-app-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="new-app-create">Create</button>
          <button type="button" onClick={() => ref.current?.close()} data-testid="new-app-cancel">Cancel</button>
        </div>
      </form>
    </dialog>
  )
}
