// Presenter mode: instructor mode on a big screen. Instructor mode puts a class on <html> (instructor-mode.ts); the
// stylesheets scale with it, and what draws its own text (Monaco, the terminal) asks here for its font size and
// follows the class. The presenter may also collapse the editor, so that the application view and the timeline
// share the screen.
export const INSTRUCTOR_CLASS = 'synclab-instructor'
export const EDITOR_COLLAPSED_CLASS = 'synclab-editor-collapsed'
/** How much larger presenter mode draws type (the stylesheets' --ui-scale says the same). */
export const PRESENTER_SCALE = 1.35

export function presenterOn(): boolean {
  return typeof document !== 'undefined' && document.documentElement.classList.contains(INSTRUCTOR_CLASS)
}

/** A font size (px) for the current mode. */
export function scaledFont(px: number): number {
  return presenterOn() ? Math.round(px * PRESENTER_SCALE) : px
}

/** Calls `onChange` when presenter mode turns on or off; returns the unsubscribe function. */
export function watchPresenter(onChange: (on: boolean) => void): () => void {
  let on = presenterOn()
  const observer = new MutationObserver(() => {
    if (presenterOn() === on) return
    on = presenterOn()
    onChange(on)
  })
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
  return () => observer.disconnect()
}

export function editorCollapsed(): boolean {
  return document.documentElement.classList.contains(EDITOR_COLLAPSED_CLASS)
}

/** Collapses the editor column (in presenter mode only: the class means nothing outside it). */
export function setEditorCollapsed(collapsed: boolean): void {
  document.documentElement.classList.toggle(EDITOR_COLLAPSED_CLASS, collapsed)
}
