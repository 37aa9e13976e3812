// Presenter mode's "Hide editor": the editor column gives its room to the application view and the timeline, which
// then share a projector's screen (instructor.css). Loaded with the instructor bar.
import { useState } from 'react'
import { editorCollapsed, setEditorCollapsed } from '../appearance/presenter.ts'

export function EditorCollapse() {
  const [collapsed, setCollapsed] = useState(editorCollapsed)
  const toggle = (): void => {
    setEditorCollapsed(!collapsed)
    setCollapsed(!collapsed)
  }
  return (
    <button type="button" aria-pressed={collapsed} onClick={toggle} data-testid="editor-collapse"
      title="Give the editor's room to the application view and the timeline">Hide editor</button>
  )
}
