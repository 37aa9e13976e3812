// What the page draws in its first paint, and what later: on a slow laptop every panel drawn with the first render
// holds the first paint back, so the panels a learner reads first (the lab, the source, the applications and the
// application view) are drawn alone. The others (plan, cluster panel, timeline, logs, terminal, the header's menus)
// follow once the editor has settled too: drawn while Monaco starts, they made a slow laptop's editor half a second
// later (CPU slowed 4×, medians of 6 loads: 3.4 s before, 2.9 s after).
import { startTransition, useEffect, useState } from 'react'
import { isEditorSettled, whenEditorSettled } from '../editor/editor-settled.ts'

/** If no frame comes (a tab opened in the background draws none), the first paint counts as done after this. */
const PAINT_AT_THE_LATEST_MS = 250
/** However long the editor takes (a slow network fetching Monaco), the rest is drawn after this. */
const EDITOR_AT_THE_LATEST_MS = 5_000

/** False until the page has drawn its first render (a task after the next frame) and the editor has settled. */
export function useAfterFirstPaint(): boolean {
  const [after, setAfter] = useState(false)
  useEffect(() => {
    let painted = false
    let editor = isEditorSettled()
    let done = false
    const show = () => {
      if (done || !painted || !editor) return
      done = true
      startTransition(() => setAfter(true))
    }
    const onPainted = () => { painted = true; show() }
    const onEditor = () => { editor = true; show() }
    let timer: ReturnType<typeof setTimeout> | undefined
    // A task queued from a frame's callback runs once that frame has been drawn.
    const frame = requestAnimationFrame(() => { timer = setTimeout(onPainted, 0) })
    const paintLatest = setTimeout(onPainted, PAINT_AT_THE_LATEST_MS)
    const editorLatest = setTimeout(onEditor, EDITOR_AT_THE_LATEST_MS)
    const stopWaiting = whenEditorSettled(onEditor)
    return () => {
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(paintLatest)
      clearTimeout(editorLatest)
      if (timer !== undefined) clearTimeout(timer)
      stopWaiting()
    }
  }, [])
  return after
}
