// `synclab lab new <dir>`: a lab that loads and passes `synclab lab check --solution` as it is, for an author to
// make their own (docs/labs.md): lab.yaml with the schema modeline, repo/<app>/ with one manifest, one task whose
// check passes when the learner syncs.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { packageRoot } from './package-root.ts'

const LAB_ID = /^[0-9]{2}-[a-z0-9][a-z0-9-]*$/

/** The lab's id from its folder's name: the name itself when it is one (NN-slug), else 01-<slug of the name>. */
export function labIdFor(dir: string): string {
  const name = basename(resolve(dir))
  if (LAB_ID.test(name)) return name
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '')
  if (slug === '') throw new Error(`${dir}: cannot make a lab id from this folder's name; name it like 01-my-lab`)
  return `01-${slug}`
}

/** The schema modeline's path: from the new lab folder to the lab schema synclab ships. */
function schemaPath(dir: string): string {
  return relative(resolve(dir), join(packageRoot(), 'schema', 'lab.schema.json')).split('\\').join('/')
}

export function labYaml(id: string, app: string, schema: string): string {
  const title = app.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')
  return `# yaml-language-server: $schema=${schema}
# A synclab lab (format: docs/labs.md in the synclab package). Check it with
#   npx synclab lab check <this folder> --solution   (and without --solution)
id: ${id}
title: ${title}
summary: >-
  One or two sentences on what the learner does and learns (Markdown).
minutes: 10
app:
  name: ${app}
  namespace: +username+       # the learner's name
  path: ${app}                # a folder of repo/
tasks:
  - id: sync-it
    title: Sync the application
    needsWork: false          # the check passes without a file change: the learner only syncs
    instructions: |
      The folder \`${app}\` holds one ConfigMap. Sync the application (the **Sync** button, or the command
      below in the terminal) and watch it being created.

      \`\`\`bash
      argocd app sync ${app}
      \`\`\`
    hints:
      - Press **Sync** in the Sync panel, or Ctrl+Enter.
    steps:
      - sync: {}
    check:
      - operation: { phase: Succeeded }
      - exists: { kind: ConfigMap, name: ${app} }
`
}

export function configMapYaml(app: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}
data:
  note: Add Jobs with hook annotations, sync waves and delete policies here, and sync.
`
}

/** Writes the lab; refuses a folder that exists and is not empty. Returns the files written. */
export function scaffoldLab(dir: string): { id: string; files: string[] } {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir}: the folder exists and is not empty`)
  const id = labIdFor(dir)
  const app = id.slice(3)
  const files: Array<[string, string]> = [
    ['lab.yaml', labYaml(id, app, schemaPath(dir))],
    [`repo/${app}/configmap.yaml`, configMapYaml(app)],
  ]
  for (const [path, text] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return { id, files: files.map(([path]) => join(dir, path)) }
}
