// "Open lab…": a lab folder (a directory picker) or a .zip (picked, or either dropped on the dialog), read and
// checked (lab-upload.ts); its problems shown as file:line:col, or the lab kept in this browser and opened.
import { type DragEvent, useEffect, useRef, useState } from 'react'
import type { LabFile } from '../../labs/types.ts'
import { LABS } from '../labs/catalog.ts'
import { openedLabs } from '../labs/opened-labs.ts'
import { checkUpload, forgetLab, type FoundLab, keepLabs, labsInFiles, unzipText } from './lab-upload.ts'
import './course.css'

const LAB_TEXT = /\.(ya?ml|md)$/i

/** A picked folder's files: paths from the folder's top (webkitRelativePath starts with the folder's name). */
async function folderFiles(files: readonly File[]): Promise<{ top: string; files: LabFile[] }> {
  const top = topFolder(files)
  const read = await Promise.all(files.filter(f => LAB_TEXT.test(f.name)).map(async f =>
    ({ path: f.webkitRelativePath.split('/').slice(1).join('/'), text: await f.text() })))
  return { top, files: read }
}

/** A dropped folder, walked with the File and Directory Entries API. */
async function droppedFolder(entry: FileSystemDirectoryEntry): Promise<LabFile[]> {
  const out: LabFile[] = []
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string): Promise<void> => {
    const reader = dir.createReader()
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
      if (batch.length === 0) return
      for (const e of batch) {
        if (e.isDirectory) await walk(e as FileSystemDirectoryEntry, `${prefix}${e.name}/`)
        else if (LAB_TEXT.test(e.name)) {
          const file = await new Promise<File>((resolve, reject) => (e as FileSystemFileEntry).file(resolve, reject))
          out.push({ path: `${prefix}${e.name}`, text: await file.text() })
        }
      }
    }
  }
  await walk(entry, '')
  return out
}

async function zipLabs(file: File): Promise<FoundLab[]> {
  return labsInFiles(unzipText(new Uint8Array(await file.arrayBuffer())), file.name)
}

async function pickedFolderLabs(files: readonly File[]): Promise<FoundLab[]> {
  const { top, files: read } = await folderFiles(files)
  return labsInFiles(read, top)
}

const topFolder = (files: readonly File[]): string => files[0]?.webkitRelativePath.split('/')[0] ?? 'folder'

export function OpenLabDialog({ onClose, onOpened }: { onClose: () => void; onOpened: (id: string) => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [kept, setKept] = useState(() => openedLabs().map(l => l.id))
  const remove = (id: string) => {
    const problem = forgetLab(id)
    if (problem) return setProblems([problem])
    setKept(openedLabs().map(l => l.id))
    // The lab on screen was the one removed: the picker's first lab takes its place.
    if (window.localStorage.getItem('synclab:lab') === id && LABS[0]) onOpened(LABS[0].id)
  }
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const take = async (what: string, find: () => Promise<FoundLab[]>) => {
    setBusy(true)
    try {
      const found = await find()
      const { labs, problems: wrong } = checkUpload(found, what)
      const kept = labs.length > 0 ? keepLabs(labs, new Map(labs.map(l => [l.id, found.find(f => f.files === l.files)?.dir ?? l.id]))) : undefined
      setProblems([...wrong, ...(kept ? [kept] : [])])
      if (wrong.length === 0 && labs[0]) onOpened(labs[0].id)
    } catch (e) {
      setProblems([`${what}: cannot be read: ${(e as Error).message}`])
    } finally {
      setBusy(false)
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    const item = e.dataTransfer.items[0]
    const entry = item?.webkitGetAsEntry?.()
    if (entry?.isDirectory) {
      void take(entry.name, async () => labsInFiles(await droppedFolder(entry as FileSystemDirectoryEntry), entry.name))
      return
    }
    const file = e.dataTransfer.files[0]
    if (file) void take(file.name, () => zipLabs(file))
  }

  return (
    <dialog ref={ref} className="new-app-dialog open-lab-dialog" aria-labelledby="open-lab-title" onClose={onClose}
      data-testid="open-lab-dialog">
      <h2 id="open-lab-title">Open lab</h2>
      <div className="open-lab-drop" onDragOver={e => e.preventDefault()} onDrop={onDrop} data-testid="open-lab-drop">
        <p>A lab folder (with <code>lab.yaml</code>, <code>repo/</code>; docs/labs.md) or a <code>.zip</code> of one.
          Drop it here, or pick it:</p>
        <label>Folder{' '}
          <input type="file" data-testid="open-lab-folder" disabled={busy}
            ref={input => input?.setAttribute('webkitdirectory', '')}
            onChange={e => { const files = [...e.target.files ?? []]; if (files.length > 0) void take(topFolder(files), () => pickedFolderLabs(files)) }} />
        </label>
        <label>.zip{' '}
          <input type="file" accept=".zip,application/zip" data-testid="open-lab-zip" disabled={busy}
            onChange={e => { const file = e.target.files?.[0]; if (file) void take(file.name, () => zipLabs(file)) }} />
        </label>
      </div>
      {problems.length > 0 ? (
        <div role="alert" className="open-lab-problems" data-testid="open-lab-problems">
          <p>The lab cannot be opened:</p>
          <pre>{problems.join('\n')}</pre>
        </div>
      ) : null}
      <p className="muted">Opened labs are kept in this browser and listed in the lab picker.</p>
      {kept.length > 0 ? (
        <ul className="open-lab-kept" aria-label="Labs opened in this browser" data-testid="open-lab-kept">
          {kept.map(id => (
            <li key={id}><code>{id}</code>{' '}
              <button onClick={() => remove(id)} aria-label={`Remove ${id} from this browser`} data-testid="open-lab-remove">Remove</button>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="dialog"><button data-testid="open-lab-close">Close</button></form>
    </dialog>
  )
}
