// The `argocd app create` line a NEW APP form sends (loaded with the terminal's interpreter, when an app is made).
import type { NewAppSpec } from './new-app.ts'

/** bash's single quotes, only where a word needs them. */
function quote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** `argocd app create …` for the spec (the flags the CLI has for each field of the form). */
export function createCommand(spec: NewAppSpec): string {
  const words = ['argocd', 'app', 'create', spec.name.trim(), '--project', spec.project.trim() || 'default',
    '--repo', spec.repoURL.trim(), '--path', spec.path.trim(), '--dest-server', spec.server.trim(),
    '--dest-namespace', spec.namespace.trim()]
  const revision = spec.revision.trim()
  if (revision !== '' && revision !== 'HEAD') words.push('--revision', revision)
  if (spec.automated) {
    words.push('--sync-policy', 'automated')
    if (spec.prune) words.push('--auto-prune')
    if (spec.selfHeal) words.push('--self-heal')
  }
  return words.map(w => (w === '' ? "''" : quote(w))).join(' ')
}
