// The manifest editor: the file chosen in the file tree, one Monaco model per file (so each keeps its undo stack
// and view state), synclab's diagnostics as markers. Monaco itself is loaded lazily (loadMonaco), so importing
// this component statically costs only a few kB; until Monaco is there the editor shows "loading editor…".
// The keyboard never stays trapped: Tab indents, but Ctrl+M (Monaco's tab focus mode, shown under the editor),
// Esc then Tab, and F6 / Shift+F6 leave the editor, as in VS Code.
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import type * as Monaco from 'monaco-editor/editor/editor.api'
import type { Diagnostic, SourceFile } from '../../manifest/types.ts'
import { countByFile, MARKER_OWNER, modelUri, toMarkers } from './diagnostic-markers.ts'
import { leaveByKeyboard } from './keyboard-exit.ts'
import { EditorLoadError } from './load-error.tsx'
import { editorSettled } from './editor-settled.ts'
import { loadMonaco, useMonaco } from './load.ts'
import { preferredTheme, watchTheme } from './theme.ts'
import { EDITOR_FONT_PX } from './font.ts'
import { scaledFont, watchPresenter } from '../appearance/presenter.ts'
import { overflowWidgetsHost } from './overflow-widgets.ts'

// Monaco starts loading as soon as the editor's code is there: on a slow laptop the page's first renders, which the
// editor's own effect would wait for, took about a second before Monaco was even asked for (page.slow bench).
void loadMonaco().catch(() => {}) // a failed load is shown, with Retry, when the editor asks again (useMonaco)

declare global {
  interface Window {
    /** Every marker (synclab's and monaco-yaml's) of the model of `path`; for end-to-end tests. */
    __synclabMarkers?: (path: string) => Monaco.editor.IMarker[]
    /** The ManifestEditor's Monaco editor instance; for end-to-end tests. */
    __synclabEditor?: Monaco.editor.IStandaloneCodeEditor
  }
}

export interface ManifestEditorProps {
  files: readonly SourceFile[]
  /** Path of the file shown; falls back to the first file when it is not among `files`. */
  active: string
  /** Called on every edit of a file by the user (not when `files` changes from outside). */
  onChange: (path: string, text: string) => void
  /** The Monaco editor once it exists (null when it goes): the page can move the focus into it. */
  onEditor?: (editor: Monaco.editor.IStandaloneCodeEditor | null) => void
  /** synclab diagnostics of all files (Diagnostic.file = SourceFile.path); shown as markers. */
  diagnostics: readonly Diagnostic[]
  readOnly?: boolean
  /** Height of the editor area (CSS), default '28rem'. */
  height?: string
  className?: string
}

interface Entry {
  model: Monaco.editor.ITextModel
  /** We created the model (and dispose it); false if another editor already had a model for that URI. */
  owned: boolean
  listener: Monaco.IDisposable
  viewState: Monaco.editor.ICodeEditorViewState | null
}

export function ManifestEditor(props: ManifestEditorProps): ReactElement {
  const { files, active, onChange, onEditor, diagnostics, readOnly = false, height = '28rem', className } = props
  const { mod, loadError, retry } = useMonaco()
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null)
  const hostRef = useRef<HTMLDivElement>(null)
  const entries = useRef(new Map<string, Entry>())
  const shownPath = useRef<string | null>(null)
  /** Set while we write `files` into a model, so that change is not reported back as an edit. */
  const applyingExternal = useRef(false)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const onEditorRef = useRef(onEditor)
  onEditorRef.current = onEditor
  const [tabMovesFocus, setTabMovesFocus] = useState(false)

  const activePath = files.some(f => f.path === active) ? active : files[0]?.path ?? ''


  // Create the editor once Monaco is there; dispose it and our models on unmount.
  useEffect(() => {
    const host = hostRef.current
    if (mod === null || host === null) return
    const { monaco } = mod
    const overflow = overflowWidgetsHost()
    const ed = monaco.editor.create(host, {
      model: null,
      automaticLayout: true,
      theme: preferredTheme(),
      fontSize: scaledFont(EDITOR_FONT_PX),
      readOnly,
      minimap: { enabled: false },
      // YAML manifests hold few brackets: colouring bracket pairs cost the editor's first render a parse of every
      // file's brackets (about 0.1 s of a slow laptop's start). Matching brackets are still highlighted.
      bracketPairColorization: { enabled: false },
      // The empty last line's number, dimmed by default, fails WCAG contrast (axe-core's color-contrast).
      renderFinalNewline: 'on',
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: false,
      renderWhitespace: 'boundary',
      fixedOverflowWidgets: true,
      overflowWidgetsDomNode: overflow.node,
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel: 'Manifest editor',
    })
    const unwatch = watchTheme(theme => monaco.editor.setTheme(theme))
    const unwatchPresenter = watchPresenter(() => ed.updateOptions({ fontSize: scaledFont(EDITOR_FONT_PX) }))
    const keys = leaveByKeyboard(ed, monaco, host)
    setTabMovesFocus(mod.TabFocus.getTabFocusMode())
    const tabFocusWatch = mod.TabFocus.onDidChangeTabFocus(setTabMovesFocus)
    const map = entries.current
    window.__synclabEditor = ed
    window.__synclabMarkers = (path: string) =>
      monaco.editor.getModelMarkers({ resource: monaco.Uri.parse(modelUri(path)) })
    setEditor(ed)
    onEditorRef.current?.(ed)
    editorSettled()
    return () => {
      onEditorRef.current?.(null)
      unwatch()
      unwatchPresenter()
      keys.dispose()
      tabFocusWatch.dispose()
      if (window.__synclabEditor === ed) {
        delete window.__synclabEditor
        delete window.__synclabMarkers
      }
      ed.dispose()
      overflow.remove()
      for (const e of map.values()) {
        e.listener.dispose()
        if (e.owned) e.model.dispose()
      }
      map.clear()
      shownPath.current = null
      setEditor(null)
    }
    // readOnly is applied by its own effect below; the editor is created once per Monaco load.
  }, [mod])

  // One model per file: create new ones, push outside changes into existing ones, dispose removed ones.
  useEffect(() => {
    if (mod === null || editor === null) return
    const { monaco } = mod
    const map = entries.current
    const paths = new Set(files.map(f => f.path))
    for (const [path, e] of map) {
      if (paths.has(path)) continue
      e.listener.dispose()
      if (e.owned) e.model.dispose()
      map.delete(path)
      if (shownPath.current === path) shownPath.current = null
    }
    for (const f of files) {
      const existing = map.get(f.path)
      if (existing === undefined) {
        const uri = monaco.Uri.parse(modelUri(f.path))
        const found = monaco.editor.getModel(uri)
        const model = found ?? monaco.editor.createModel(f.text, 'yaml', uri)
        if (found !== null && found.getValue() !== f.text) found.setValue(f.text)
        const listener = model.onDidChangeContent(() => {
          if (!applyingExternal.current) onChangeRef.current(f.path, model.getValue())
        })
        map.set(f.path, { model, owned: found === null, listener, viewState: null })
      } else if (existing.model.getValue() !== f.text) {
        // An outside change (lab reset, file loaded): an undoable edit, so the user's history survives.
        applyingExternal.current = true
        try {
          existing.model.pushEditOperations([], [{ range: existing.model.getFullModelRange(), text: f.text }], () => null)
          existing.model.pushStackElement()
        } finally {
          applyingExternal.current = false
        }
      }
    }
  }, [mod, editor, files])

  // Show the active file, keeping each file's cursor, selection and scroll position.
  useEffect(() => {
    if (editor === null) return
    const map = entries.current
    if (shownPath.current === activePath && editor.getModel() === map.get(activePath)?.model) return
    const previous = shownPath.current === null ? undefined : map.get(shownPath.current)
    if (previous !== undefined) previous.viewState = editor.saveViewState()
    const next = map.get(activePath)
    editor.setModel(next?.model ?? null)
    if (next?.viewState) editor.restoreViewState(next.viewState)
    shownPath.current = next === undefined ? null : activePath
  }, [editor, files, activePath])

  // A failed load settles the editor too: the page's other panels stop waiting for it (after-first-paint.ts).
  useEffect(() => { if (loadError !== null) editorSettled() }, [loadError])

  // synclab's diagnostics as markers on every model.
  useEffect(() => {
    if (mod === null || editor === null) return
    for (const [path, e] of entries.current) {
      mod.monaco.editor.setModelMarkers(e.model, MARKER_OWNER, toMarkers(diagnostics, path))
    }
  }, [mod, editor, files, diagnostics])

  useEffect(() => {
    editor?.updateOptions({ readOnly })
  }, [editor, readOnly])

  const counts = useMemo(() => countByFile(diagnostics), [diagnostics])

  const count = counts.get(activePath)
  const toggleTabFocus = () => mod?.TabFocus.setTabFocusMode(!tabMovesFocus)

  return (
    <div className={['synclab-editor', className].filter(Boolean).join(' ')} data-testid="manifest-editor"
      data-ready={mod !== null && editor !== null ? 'true' : 'false'}>
      <div className="synclab-editor__path" data-testid="editor-path">
        {activePath === '' ? 'No file open' : activePath}
        {count !== undefined && count.errors > 0 &&
          <span className="synclab-editor__badge synclab-editor__badge--error"> ● {count.errors} error{count.errors === 1 ? '' : 's'}</span>}
        {count !== undefined && count.errors === 0 && count.warnings > 0 &&
          <span className="synclab-editor__badge synclab-editor__badge--warning"> ▲ {count.warnings} warning{count.warnings === 1 ? '' : 's'}</span>}
      </div>
      <div className="synclab-editor__panel" style={{ position: 'relative', height }}>
        <div ref={hostRef} className="synclab-editor__host" style={{ position: 'absolute', inset: 0 }} />
        {(mod === null || editor === null) &&
          <div role="status" className="synclab-editor__loading"
            style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
            {loadError === null ? 'loading editor…' : <EditorLoadError error={loadError} retry={retry} />}
          </div>}
      </div>
      <p className="synclab-editor__keys" data-testid="tab-focus-hint">
        <button type="button" aria-pressed={tabMovesFocus} onClick={toggleTabFocus} disabled={mod === null}
          data-testid="tab-focus-toggle">Tab moves focus: {tabMovesFocus ? 'on' : 'off'}</button>
        {' '}<kbd>{TOGGLE_KEY}</kbd> toggles · <kbd>Esc</kbd> then <kbd>Tab</kbd>, or <kbd>F6</kbd>, leaves the editor ·
        {' '}<kbd>Ctrl/Cmd+S</kbd> commits · <kbd>Ctrl/Cmd+Enter</kbd> syncs
      </p>
    </div>
  )
}

const TOGGLE_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'Ctrl+Shift+M' : 'Ctrl+M'

export default ManifestEditor
