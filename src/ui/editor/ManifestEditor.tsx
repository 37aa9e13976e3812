// The manifest editor: one tab per file, one Monaco model per file (so each keeps its undo stack and view
// state), synclab's diagnostics as markers. Monaco itself is loaded lazily (loadMonaco), so importing this
// component statically costs only a few kB; until Monaco is there the editor shows "loading editor…".
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react'
import type * as Monaco from 'monaco-editor/editor/editor.api'
import type { Diagnostic, SourceFile } from '../../manifest/types.ts'
import { countByFile, MARKER_OWNER, modelUri, toMarkers } from './diagnostic-markers.ts'
import { useMonaco } from './load.ts'
import { preferredTheme, watchTheme } from './theme.ts'

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
  /** Called when the user picks another tab. */
  onActiveChange: (path: string) => void
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
  const { files, active, onChange, onActiveChange, diagnostics, readOnly = false, height = '28rem', className } = props
  const { mod, loadError } = useMonaco()
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null)
  const hostRef = useRef<HTMLDivElement>(null)
  const entries = useRef(new Map<string, Entry>())
  const shownPath = useRef<string | null>(null)
  /** Set while we write `files` into a model, so that change is not reported back as an edit. */
  const applyingExternal = useRef(false)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const tabRefs = useRef(new Map<string, HTMLButtonElement>())
  const baseId = useId()

  const activePath = files.some(f => f.path === active) ? active : files[0]?.path ?? ''


  // Create the editor once Monaco is there; dispose it and our models on unmount.
  useEffect(() => {
    const host = hostRef.current
    if (mod === null || host === null) return
    const { monaco } = mod
    const ed = monaco.editor.create(host, {
      model: null,
      automaticLayout: true,
      theme: preferredTheme(),
      readOnly,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: false,
      renderWhitespace: 'boundary',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel: 'Manifest editor',
    })
    const unwatch = watchTheme(theme => monaco.editor.setTheme(theme))
    const map = entries.current
    window.__synclabEditor = ed
    window.__synclabMarkers = (path: string) =>
      monaco.editor.getModelMarkers({ resource: monaco.Uri.parse(modelUri(path)) })
    setEditor(ed)
    return () => {
      unwatch()
      if (window.__synclabEditor === ed) {
        delete window.__synclabEditor
        delete window.__synclabMarkers
      }
      ed.dispose()
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

  const select = useCallback((path: string, focusTab: boolean) => {
    if (path !== activePath) onActiveChange(path)
    if (focusTab) tabRefs.current.get(path)?.focus()
  }, [activePath, onActiveChange])

  const onTabKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const n = files.length
    if (n === 0) return
    let next: number
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': next = (index + 1) % n; break
      case 'ArrowLeft': case 'ArrowUp': next = (index - 1 + n) % n; break
      case 'Home': next = 0; break
      case 'End': next = n - 1; break
      default: return
    }
    e.preventDefault()
    const f = files[next]
    if (f !== undefined) select(f.path, true)
  }

  const tabId = (i: number): string => `${baseId}-tab-${i}`
  const panelId = `${baseId}-panel`
  const activeIndex = files.findIndex(f => f.path === activePath)

  return (
    <div className={['synclab-editor', className].filter(Boolean).join(' ')} data-testid="manifest-editor"
      data-ready={mod !== null && editor !== null ? 'true' : 'false'}>
      <div role="tablist" aria-label="Manifest files" className="synclab-editor__tabs">
        {files.map((f, i) => {
          const selected = f.path === activePath
          const c = counts.get(f.path)
          return (
            <button key={f.path} type="button" role="tab" id={tabId(i)} aria-selected={selected}
              aria-controls={panelId} tabIndex={selected ? 0 : -1} data-path={f.path}
              className={`synclab-editor__tab${selected ? ' synclab-editor__tab--active' : ''}`}
              ref={el => { if (el) tabRefs.current.set(f.path, el); else tabRefs.current.delete(f.path) }}
              onClick={() => select(f.path, false)} onKeyDown={e => onTabKeyDown(e, i)}>
              {f.path}
              {c !== undefined && c.errors > 0 &&
                <span className="synclab-editor__badge synclab-editor__badge--error"
                  aria-label={`${c.errors} error${c.errors === 1 ? '' : 's'}`}> ● {c.errors}</span>}
              {c !== undefined && c.errors === 0 && c.warnings > 0 &&
                <span className="synclab-editor__badge synclab-editor__badge--warning"
                  aria-label={`${c.warnings} warning${c.warnings === 1 ? '' : 's'}`}> ▲ {c.warnings}</span>}
            </button>
          )
        })}
      </div>
      <div role="tabpanel" id={panelId} {...(activeIndex >= 0 ? { 'aria-labelledby': tabId(activeIndex) } : {})}
        className="synclab-editor__panel" style={{ position: 'relative', height }}>
        <div ref={hostRef} className="synclab-editor__host" style={{ position: 'absolute', inset: 0 }} />
        {(mod === null || editor === null) &&
          <div role="status" className="synclab-editor__loading"
            style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
            {loadError === null ? 'loading editor…' : `The editor failed to load: ${loadError}`}
          </div>}
      </div>
    </div>
  )
}

export default ManifestEditor
