// Whether the manifest editor has settled: Monaco loaded and the editor made, or the load failed (the editor then
// shows the error and a Retry). The page holds its secondary panels back until then (after-first-paint.ts): on a
// slow laptop they competed with Monaco's start for the one main thread. No DOM here: a flag and its listeners.

let settled = false
const listeners = new Set<() => void>()

/** The editor is ready, or will not be without the learner's Retry. Later calls do nothing. */
export function editorSettled(): void {
  if (settled) return
  settled = true
  for (const listener of listeners) listener()
  listeners.clear()
}

export function isEditorSettled(): boolean {
  return settled
}

/** Calls `listener` once the editor has settled (at once if it has); returns how to stop waiting. */
export function whenEditorSettled(listener: () => void): () => void {
  if (settled) {
    listener()
    return () => {}
  }
  listeners.add(listener)
  return () => { listeners.delete(listener) }
}
