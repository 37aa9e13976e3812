// Monaco with YAML highlighting and monaco-yaml (schema validation, hover, completion). Heavy (~3 MB): load it
// with `import('./monaco-setup.ts')` (see loadMonaco in load.ts) so the page renders first.
// Notes (docs/tooling.md §2): the lean editor.api entry, not 'monaco-editor'; workers through Vite's `?worker`;
// monaco-yaml 5.5 + monaco 0.57 need the createWebWorker shim below.
import * as monaco from 'monaco-editor/editor/editor.api'
import 'monaco-editor/languages/definitions/yaml/register'
// editor.api is the bare editor: without these there is no suggest widget, no hover, no find, no folding.
// (monaco-editor/features/register.all registers every one, ~+10% size.)
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/codeEditor/register'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/codeAction/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/diffEditor/register'
import 'monaco-editor/features/documentSymbols/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/gotoLine/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/indentation/register'
import 'monaco-editor/features/inlineProgress/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/links/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/readOnlyMessage/register'
import 'monaco-editor/features/smartSelect/register'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/features/suggest/register'
// Ctrl+M (Ctrl+Shift+M on macOS): Tab moves the focus instead of indenting, so the keyboard can leave the editor.
import 'monaco-editor/features/toggleTabFocusMode/register'
import { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus'
// features/suggest/register (0.57) registers inline completions only; the suggest widget is this controller.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/wordOperations/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import { configureMonacoYaml } from 'monaco-yaml'
import { manifestSchema, SCHEMA_FILE_MATCH, SCHEMA_URI } from '../../manifest/schema/editor-schema.ts'
import YamlWorker from './yaml.worker.ts?worker'

function workerFor(label: string): Worker {
  switch (label) {
    case 'editorWorkerService': return new EditorWorker()
    case 'yaml': return new YamlWorker()
    default: throw new Error(`Unknown Monaco worker label ${label}`)
  }
}

self.MonacoEnvironment = { getWorker: (_id: string, label: string) => workerFor(label) }

// monaco-worker-manager (inside monaco-yaml) calls monaco.editor.createWebWorker({ label, moduleId, createData });
// since monaco 0.53 that API takes { worker }. Do what monaco's own esm/vs/internal/common/workers.js does:
// the worker ignores its first message and reads createData from the second.
// Upstream: remcohaszing/monaco-yaml#272.
interface LegacyWorkerOptions {
  label?: string
  createData?: unknown
  host?: Record<string, (...args: never[]) => unknown>
  keepIdleModels?: boolean
}
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: <T extends object>(opts: LegacyWorkerOptions) => {
      const worker = workerFor(opts.label ?? 'editorWorkerService')
      worker.postMessage('ignore')
      worker.postMessage(opts.createData)
      return monaco.editor.createWebWorker<T>({
        worker,
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.keepIdleModels !== undefined ? { keepIdleModels: opts.keepIdleModels } : {}),
      })
    },
  },
} as unknown as typeof monaco

/** The monaco-yaml handle; `monacoYaml.update({...})` changes its options. */
export const monacoYaml = configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemas: [{ uri: SCHEMA_URI, fileMatch: [...SCHEMA_FILE_MATCH], schema: manifestSchema }],
})

export { monaco, TabFocus }
