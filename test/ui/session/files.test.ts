// The session's file tree: create, rename and delete files and folders; names checked; commits and storage.
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { fileChanges } from '../../../src/ui/session/changes.ts'
import { pathProblem } from '../../../src/ui/session/file-paths.ts'
import { Session } from '../../../src/ui/session/session.ts'

const labFiles = () => readManifestFiles(['labs/02-delete-policies/repo/delete-policies'])
  .map(f => ({ ...f, path: f.path.replace(/^.*repo\//, '') }))

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

async function newSession(storage?: ReturnType<typeof memoryStorage>) {
  const s = new Session({ seed: 't', appName: 'argo-policies', namespace: 'learner', labFiles: labFiles(),
    storageKey: 'lab', storage })
  await s.whenReady()
  return s
}

const SMOKE = `apiVersion: batch/v1
kind: Job
metadata:
  name: smoke-test
  annotations:
    argocd.argoproj.io/hook: PostSync
    argocd.argoproj.io/hook-delete-policy: HookFailed
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: smoke
          image: bash
          command: ["bash", "-c", "echo smoke; exit 1"]
`

const paths = (s: Session) => s.files.map(f => f.path).sort()

describe('session file tree', () => {
  it('the lab files sit in the app folder', async () => {
    const s = await newSession()
    expect(paths(s)).toContain('delete-policies/configmap.yaml')
  })

  it('a commit holds the files added, renamed and deleted; the changes say which', async () => {
    const s = await newSession()
    const head = s.head!
    s.createFile('delete-policies/smoke-test.yaml', SMOKE)
    expect(s.active).toBe('delete-policies/smoke-test.yaml')
    s.renameFile('delete-policies/default.yaml', 'delete-policies/no-policy.yaml')
    s.deleteFile('delete-policies/hook-failed.yaml')
    expect(s.dirty).toBe(true)
    expect(fileChanges(head.files, s.files).map(c => [c.status, c.path, c.from])).toEqual([
      ['deleted', 'delete-policies/hook-failed.yaml', undefined],
      ['renamed', 'delete-policies/no-policy.yaml', 'delete-policies/default.yaml'],
      ['added', 'delete-policies/smoke-test.yaml', undefined],
    ])
    const revision = s.commit('add a smoke test')!
    expect(revision).toBeDefined()
    expect(revision.files.map(f => f.path).sort()).toEqual([
      'delete-policies/before-hook-creation.yaml', 'delete-policies/configmap.yaml',
      'delete-policies/hook-succeeded.yaml', 'delete-policies/no-policy.yaml', 'delete-policies/smoke-test.yaml'])
    expect(revision.manifests.map(m => m.metadata.name)).toContain('smoke-test')
    expect(revision.manifests.map(m => m.metadata.name)).not.toContain('policy-hook-failed')
    expect(s.dirty).toBe(false)
  })

  it('a rename keeps the uncommitted text and the file shown', async () => {
    const s = await newSession()
    s.edit('delete-policies/configmap.yaml', `${s.files.find(f => f.path === 'delete-policies/configmap.yaml')!.text}# mine\n`)
    s.setActive('delete-policies/configmap.yaml')
    s.renameFile('delete-policies/configmap.yaml', 'delete-policies/settings.yaml')
    expect(s.active).toBe('delete-policies/settings.yaml')
    expect(s.files.find(f => f.path === 'delete-policies/settings.yaml')!.text).toMatch(/# mine\n$/)
  })

  it('a folder rename moves everything in it, empty folders too', async () => {
    const s = await newSession()
    s.createFolder('delete-policies/extra/empty')
    s.renameFolder('delete-policies', 'policies')
    expect(paths(s).every(p => p.startsWith('policies/'))).toBe(true)
    expect(s.folders).toEqual(['policies/extra/empty'])
    expect(() => s.renameFolder('policies', 'policies/inner')).toThrow(/into itself/)
  })

  it('an empty folder stays until it gets a file, and survives a reload', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    s.createFolder('delete-policies/tests')
    expect(s.folders).toEqual(['delete-policies/tests'])
    const reloaded = await newSession(storage)
    expect(reloaded.folders).toEqual(['delete-policies/tests'])
    reloaded.createFile('delete-policies/tests/smoke-test.yaml', SMOKE)
    expect(reloaded.folders).toEqual([])
    expect((await newSession(storage)).files.map(f => f.path)).toContain('delete-policies/tests/smoke-test.yaml')
  })

  it('deleting the last file keeps its folder; deleting a folder deletes what it holds', async () => {
    const s = await newSession()
    s.createFile('delete-policies/tests/smoke-test.yaml', SMOKE)
    s.deleteFile('delete-policies/tests/smoke-test.yaml')
    expect(s.folders).toEqual(['delete-policies/tests'])
    s.deleteFolder('delete-policies')
    expect(s.files).toEqual([])
    expect(s.folders).toEqual([])
    expect(s.active).toBe('')
  })

  it('refuses empty names, `..`, duplicates and non-YAML files, and changes nothing', async () => {
    const s = await newSession()
    const before = JSON.stringify([s.files, s.folders])
    expect(() => s.createFile('')).toThrow(/name is required/)
    expect(() => s.createFile('delete-policies/../x.yaml')).toThrow(/"\.\." is not allowed/)
    expect(() => s.createFile('delete-policies//x.yaml')).toThrow(/cannot be empty/)
    expect(() => s.createFile('delete-policies/configmap.yaml')).toThrow(/already exists/)
    expect(() => s.createFile('delete-policies/notes.txt')).toThrow(/\.yaml or \.yml/)
    expect(() => s.createFolder('delete-policies')).toThrow(/already exists/)
    expect(() => s.createFolder('delete-policies/configmap.yaml/x')).toThrow(/is a file/)
    expect(() => s.renameFile('delete-policies/default.yaml', 'delete-policies/configmap.yaml')).toThrow(/already exists/)
    expect(() => s.renameFile('delete-policies/missing.yaml', 'delete-policies/x.yaml')).toThrow(/no such file/)
    expect(JSON.stringify([s.files, s.folders])).toBe(before)
  })

  it('fileChanges: a changed text is modified; a file renamed and changed is deleted and added, as git says', () => {
    const base = [{ path: 'a.yaml', text: 'a' }, { path: 'b.yaml', text: 'b' }]
    expect(fileChanges(base, [{ path: 'a.yaml', text: 'a2' }, { path: 'c.yaml', text: 'b2' }])
      .map(c => [c.status, c.path, c.before, c.after])).toEqual([
      ['modified', 'a.yaml', 'a', 'a2'], ['deleted', 'b.yaml', 'b', ''], ['added', 'c.yaml', '', 'b2']])
    expect(fileChanges(base, base)).toEqual([])
  })

  it('pathProblem lets a rename keep its own name and refuses a name taken by a folder', () => {
    const tree = { files: [{ path: 'a/b.yaml', text: '' }], folders: ['c'] }
    expect(pathProblem('a/b.yaml', 'file', tree, 'a/b.yaml')).toBeUndefined()
    expect(pathProblem('c', 'folder', tree)).toMatch(/already exists/)
    expect(pathProblem('a', 'file', tree)).toMatch(/\.yaml/)
    expect(pathProblem('a/c.yml', 'file', tree)).toBeUndefined()
    expect(pathProblem(' a.yaml', 'file', tree)).toMatch(/space/)
  })
})
