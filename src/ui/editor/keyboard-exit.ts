// Ways out of a Monaco editor by keyboard besides tab focus mode (Ctrl+M), as in VS Code: Esc then Tab (or
// Shift+Tab) lets the browser move the focus, and F6 / Shift+F6 focus what comes after or before the editor. (In a
// read-only editor, a diff, Tab moves on by itself: Monaco's tab command needs a writable editor.) The key is kept
// from Monaco's keybindings, which listen on the editor's container, after the editor's own key handler.
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { focusBeside } from './focus-order.ts'

export function leaveByKeyboard(ed: Monaco.editor.ICodeEditor, monaco: typeof Monaco, host: HTMLElement): Monaco.IDisposable {
  const { KeyCode } = monaco
  let escaped = false
  return ed.onKeyDown(e => {
    if (e.keyCode === KeyCode.Shift) return // pressed for Shift+Tab: Esc still counts
    const afterEscape = escaped
    escaped = e.keyCode === KeyCode.Escape
    if (e.ctrlKey || e.altKey || e.metaKey) return
    if (e.keyCode === KeyCode.F6) {
      e.preventDefault()
      e.stopPropagation()
      focusBeside(host, e.shiftKey ? -1 : 1)
    } else if (e.keyCode === KeyCode.Tab && afterEscape) {
      e.stopPropagation() // the browser's Tab moves the focus
    }
  })
}
