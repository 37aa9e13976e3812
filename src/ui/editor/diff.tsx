// "Desired vs live": a read-only Monaco diff editor of two YAML texts. Loads Monaco lazily like ManifestEditor.
// Read-only, so Tab moves the focus on (no keyboard trap); F6 and Esc then Tab too, as in the editor.
import { useEffect, useRef, type ReactElement } from 'react'
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { leaveByKeyboard } from './keyboard-exit.ts'
import { EditorLoadError } from './load-error.tsx'
import { useMonaco } from './load.ts'
import { preferredTheme, watchTheme } from './theme.ts'
import { EDITOR_FONT_PX } from './font.ts'
import { scaledFont, watchPresenter } from '../appearance/presenter.ts'
import { overflowWidgetsHost } from './overflow-widgets.ts'

export interface ManifestDiffProps {
  /** Left side, e.g. the live object as YAML. */
  original: string
  /** Right side, e.g. the desired manifest from Git. */
  modified: string
  /** Side by side (default) or inline. */
  sideBySide?: boolean
  /** Height of the diff area (CSS), default '20rem'. */
  height?: string
  className?: string
}

let nextId = 0

export function ManifestDiff(props: ManifestDiffProps): ReactElement {
  const { original, modified, sideBySide = true, height = '20rem', className } = props
  const { mod, loadError, retry } = useMonaco()
  const hostRef = useRef<HTMLDivElement>(null)
  const models = useRef<{ original: Monaco.editor.ITextModel; modified: Monaco.editor.ITextModel } | null>(null)
  const diffRef = useRef<Monaco.editor.IStandaloneDiffEditor | null>(null)


  useEffect(() => {
    const host = hostRef.current
    if (mod === null || host === null) return
    const { monaco } = mod
    // inmemory URIs without a .yaml suffix: the schema's fileMatch does not apply, so no schema squiggles here.
    const id = nextId++
    const m = {
      original: monaco.editor.createModel(original, 'yaml', monaco.Uri.parse(`inmemory://synclab-diff/${id}/original`)),
      modified: monaco.editor.createModel(modified, 'yaml', monaco.Uri.parse(`inmemory://synclab-diff/${id}/modified`)),
    }
    // Its widgets go in a box at the end of the page, as the manifest editor's: the panel's containment clips them.
    const overflow = overflowWidgetsHost()
    const diff = monaco.editor.createDiffEditor(host, {
      automaticLayout: true,
      fixedOverflowWidgets: true,
      overflowWidgetsDomNode: overflow.node,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: sideBySide,
      theme: preferredTheme(),
      fontSize: scaledFont(EDITOR_FONT_PX),
      minimap: { enabled: false },
      renderFinalNewline: 'on', // the dimmed number of the empty last line fails WCAG contrast
      scrollBeyondLastLine: false,
    })
    diff.setModel(m)
    const keys = [diff.getOriginalEditor(), diff.getModifiedEditor()].map(ed => leaveByKeyboard(ed, monaco, host))
    models.current = m
    diffRef.current = diff
    const unwatch = watchTheme(theme => monaco.editor.setTheme(theme))
    const unwatchPresenter = watchPresenter(() => diff.updateOptions({ fontSize: scaledFont(EDITOR_FONT_PX) }))
    return () => {
      unwatch()
      unwatchPresenter()
      for (const k of keys) k.dispose()
      diff.dispose()
      overflow.remove()
      m.original.dispose()
      m.modified.dispose()
      models.current = null
      diffRef.current = null
    }
    // original/modified/sideBySide are applied by the effects below.
  }, [mod])

  useEffect(() => {
    const m = models.current
    if (m !== null && m.original.getValue() !== original) m.original.setValue(original)
  }, [mod, original])

  useEffect(() => {
    const m = models.current
    if (m !== null && m.modified.getValue() !== modified) m.modified.setValue(modified)
  }, [mod, modified])

  useEffect(() => {
    diffRef.current?.updateOptions({ renderSideBySide: sideBySide })
  }, [mod, sideBySide])

  return (
    <div className={['synclab-diff', className].filter(Boolean).join(' ')} data-testid="manifest-diff"
      data-ready={mod !== null ? 'true' : 'false'} style={{ position: 'relative', height }}>
      <div ref={hostRef} style={{ position: 'absolute', inset: 0 }} />
      {mod === null &&
        <div role="status" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
          {loadError === null ? 'loading editor…' : <EditorLoadError error={loadError} retry={retry} />}
        </div>}
    </div>
  )
}

export default ManifestDiff
