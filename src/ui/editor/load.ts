// Loads Monaco once, on demand. Call loadMonaco() early (e.g. on idle) to warm it up; the editor calls it too.
export type MonacoModule = typeof import('./monaco-setup.ts')

let loading: Promise<MonacoModule> | undefined

export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco-setup.ts')
  loading.catch(() => { loading = undefined }) // a failed load (e.g. offline chunk) may be retried
  return loading
}
