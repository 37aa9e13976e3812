// The header's course tools, loaded after the page: "Open lab…" (a folder or .zip, OpenLabDialog) and "Progress"
// (download the learner's progress and work as JSON, or load such a file: progress-file.ts).
import { type ChangeEvent, Suspense, lazy, useState } from 'react'
import { exportProgress, importProgress, readProgressFile } from './progress-file.ts'
import './course.css'

const OpenLabDialog = lazy(() => import('./OpenLabDialog.tsx').then(m => ({ default: m.OpenLabDialog })))

function downloadProgress(): void {
  const file = exportProgress(window.localStorage)
  const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `synclab-progress-${file.exported.slice(0, 10)}.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

async function loadProgress(e: ChangeEvent<HTMLInputElement>, setProblem: (p: string | undefined) => void): Promise<void> {
  const file = e.target.files?.[0]
  e.target.value = ''
  if (!file) return
  const { entries, problem } = readProgressFile(await file.text())
  if (!entries) return setProblem(`${file.name}: ${problem}`)
  if (!confirm(`Load the progress and work of ${file.name}? What this browser holds for the same labs is set aside (<key>:before-import).`)) return
  try {
    importProgress(window.localStorage, entries)
  } catch (err) {
    return setProblem(`${file.name}: the browser's storage refused it (${(err as Error).message})`)
  }
  window.location.reload()
}

export function LabMenu({ onOpenLab }: { onOpenLab: (id: string) => void }) {
  const [open, setOpen] = useState(false)
  const [problem, setProblem] = useState<string | undefined>()
  return (
    <span className="lab-menu">
      <button onClick={() => setOpen(true)} data-testid="open-lab">Open lab…</button>
      <details data-testid="progress-menu">
        <summary>Progress</summary>
        <div>
          <button onClick={downloadProgress} data-testid="progress-download">Download progress and work</button>
          <label>Load a progress file{' '}
            <input type="file" accept=".json,application/json" data-testid="progress-load"
              onChange={e => void loadProgress(e, setProblem)} />
          </label>
          {problem !== undefined ? <p className="error" role="alert" data-testid="progress-problem">{problem}</p> : null}
        </div>
      </details>
      {open ? (
        <Suspense fallback={null}>
          <OpenLabDialog onClose={() => setOpen(false)} onOpened={id => { setOpen(false); onOpenLab(id) }} />
        </Suspense>
      ) : null}
    </span>
  )
}
