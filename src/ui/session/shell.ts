// The terminal's interpreter (argocd, kubectl, oc) is a large part of the page's code and most visits never type a
// command: it loads with the terminal, or when a rebuilt run has a typed command to replay. The page's entry
// (src/page.ts) says how to load it, so that the page never imports the interpreter itself.
import type { Shell } from '../../contract/terminal.ts'

export type { Shell }

let loader: (() => Promise<Shell>) | undefined
let loading: Promise<Shell> | undefined

/** How to load the interpreter; the page's entry calls it once, tests with the interpreter module. */
export function provideShell(load: () => Promise<Shell>): void {
  loader = load
  loading = undefined
}

export function loadShell(): Promise<Shell> {
  if (!loader) return Promise.reject(new Error('synclab: no terminal interpreter was provided (provideShell)'))
  const current = loading ??= loader()
  // A failed load (the network dropped) is tried again next time, not kept.
  current.catch(() => { if (loading === current) loading = undefined })
  return current
}
