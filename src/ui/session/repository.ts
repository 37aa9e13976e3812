// The learner's repository: the files as edited (a tree of files, the folders the learner made that hold none yet,
// the file shown in the editor), read as manifests after every change, and the revisions committed from them. The
// session builds on it (session.ts) and adds what follows from a commit (the action log, the runs); apart so that
// what an edit does to the files lives in one place. Names are checked by file-paths.ts (a bad one throws); no
// text, saved or not, is lost by a rename.
import type { Diagnostic, SourceFile } from '../../manifest/index.ts'
import { revisionId } from '../../manifest/revision-id.ts'
import { checkPath, emptyFolders, isWithin, movedPath, parentOf } from './file-paths.ts'
import { readSource, type SourceRevision } from './revisions.ts'

type ReadSource = ReturnType<typeof readSource>

export abstract class Repository {
  files: SourceFile[] = []
  /** Folders the learner made that hold no file yet: git keeps no empty folder, the file tree and storage do. */
  folders: string[] = []
  active = ''
  diagnostics: Diagnostic[] = []
  /** The edited files as read (manifests and diagnostics), kept until the next edit. */
  source!: ReadSource
  revisions: SourceRevision[] = []
  private dirtyMemo: { files: SourceFile[]; head: SourceRevision; dirty: boolean } | undefined

  /** `prebuilt`: the lab's files as read at build time, with the reader's Kubernetes types (labs-prebuilt.ts). */
  protected constructor(private readonly prebuilt: ReadSource | undefined) {}

  /** Tells that the files (or the revisions) changed. */
  protected abstract changed(): void

  /** Starts from these files (a lab opened, restored or reset); `source`: the files as read, when they were already. */
  protected open(files: SourceFile[], folders: string[], active: string, source: ReadSource = readSource(files)): void {
    this.files = files
    this.folders = folders
    this.active = active || (files[0]?.path ?? '')
    this.source = source
    this.diagnostics = source.diagnostics
  }

  get head(): SourceRevision | undefined {
    return this.revisions.at(-1)
  }

  /** Files differ from the last commit. */
  get dirty(): boolean {
    const head = this.head
    if (!head) return true
    if (this.dirtyMemo?.files !== this.files || this.dirtyMemo.head !== head) {
      const same = head.files.length === this.files.length &&
        this.files.every(f => head.files.some(h => h.path === f.path && h.text === f.text))
      this.dirtyMemo = { files: this.files, head, dirty: !same }
    }
    return this.dirtyMemo.dirty
  }

  edit(path: string, text: string): void {
    this.files = this.files.map(f => (f.path === path ? { ...f, text } : f))
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  /** Files added, removed or changed at once ("show solution"). */
  replaceFiles(files: SourceFile[]): void {
    this.setTree(files.map(f => ({ ...f })), this.folders)
  }

  /** A new file, shown in the editor. */
  createFile(path: string, text = ''): void {
    checkPath(path, 'file', this)
    this.active = path
    this.setTree([...this.files, { path, text }], this.folders)
  }

  /** A new folder: it stays, empty, until it gets a file. */
  createFolder(path: string): void {
    checkPath(path, 'folder', this)
    this.setTree(this.files, [...this.folders, path])
  }

  /** The file `from` is now `to`, with its text as it is now. */
  renameFile(from: string, to: string): void {
    if (!this.files.some(f => f.path === from)) throw new Error(`${from}: no such file`)
    if (to !== from) checkPath(to, 'file', this, from)
    this.move(from, to)
  }

  /** The folder `from` is now `to`, with everything in it. */
  renameFolder(from: string, to: string): void {
    if (!this.files.some(f => isWithin(f.path, from)) && !this.folders.some(f => isWithin(f, from))) {
      throw new Error(`${from}: no such folder`)
    }
    if (to !== from) checkPath(to, 'folder', this, from)
    this.move(from, to)
  }

  /** Deletes a file; its folder stays, even if it is now empty. */
  deleteFile(path: string): void {
    this.setTree(this.files.filter(f => f.path !== path), [...this.folders, parentOf(path)])
  }

  /** Deletes a folder and everything in it. */
  deleteFolder(path: string): void {
    this.setTree(this.files.filter(f => !isWithin(f.path, path)),
      [...this.folders.filter(f => !isWithin(f, path)), parentOf(path)])
  }

  /** Reads the edited files again (the reader's Kubernetes types arrived after the page started). */
  reread(): void {
    if (this.source === this.prebuilt) return // read at build time with those types (labs-prebuilt.ts)
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  setActive(path: string): void {
    this.active = path
    this.changed()
  }

  /** A new revision of `files` (the edited ones by default), unless they cannot be read. */
  protected addRevision(message: string, files: SourceFile[] = this.files): SourceRevision | undefined {
    // The files just read for the editor are not read again (on a slow laptop, reading a lab's files is the largest
    // part of opening it); the lab's own files, after a restore that kept none of the saved commits, are.
    const source = files === this.files ? this.source : readSource(files)
    if (!source.ok) return undefined
    const revision: SourceRevision = { id: revisionId(files, this.head?.id ?? ''), message,
      files: files.map(f => ({ ...f })), manifests: source.manifests }
    this.revisions.push(revision)
    return revision
  }

  private move(from: string, to: string): void {
    this.active = movedPath(this.active, from, to)
    this.setTree(this.files.map(f => ({ ...f, path: movedPath(f.path, from, to) })),
      this.folders.map(f => movedPath(f, from, to)))
  }

  private setTree(files: SourceFile[], folders: string[]): void {
    this.files = files
    this.folders = emptyFolders(folders.filter(f => f !== ''), files)
    if (!files.some(f => f.path === this.active)) this.active = files[0]?.path ?? ''
    this.source = readSource(files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }
}
