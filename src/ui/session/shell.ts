// The terminal's interpreter (argocd, kubectl, oc) is a large part of the page's code and most visits never type a
// command: it loads with the terminal, or when a rebuilt run has a typed command to replay.
export type Shell = Pick<typeof import('../../terminal/interpreter.ts'), 'runCommand' | 'changesCluster'>

let loading: Promise<Shell> | undefined

export function loadShell(): Promise<Shell> {
  loading ??= import('../../terminal/interpreter.ts')
  return loading
}
