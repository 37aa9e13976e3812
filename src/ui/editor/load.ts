import { useCallback, useEffect, useState } from 'react'

// Loads Monaco once, on demand. Call loadMonaco() early (e.g. on idle) to warm it up; the editor calls it too.
export type MonacoModule = typeof import('./monaco-setup.ts')

let loading: Promise<MonacoModule> | undefined

export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco-setup.ts')
  loading.catch(() => { loading = undefined }) // a failed load (e.g. offline chunk) may be retried
  return loading
}

/** React: Monaco once it has loaded (null until then), the load error if it failed, and how to try again. */
export function useMonaco(): { mod: MonacoModule | null; loadError: string | null; retry: () => void } {
  const [mod, setMod] = useState<MonacoModule | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    loadMonaco().then(m => { if (live) setMod(m) },
      (e: unknown) => { if (live) setLoadError(e instanceof Error ? e.message : String(e)) })
    return () => { live = false }
  }, [attempt])
  const retry = useCallback(() => {
    setLoadError(null)
    setAttempt(n => n + 1)
  }, [])
  return { mod, loadError, retry }
}
