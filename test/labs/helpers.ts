// Builders for lab tests: a lab from inline files, and a session run through steps on it.
import { readFileSync } from 'node:fs'
import { validateLabSchema } from '../../src/labs/schema-validator.ts'
import { parseLab } from '../../src/labs/parse.ts'
import { LabSession } from '../../src/labs/run.ts'
import type { Lab, LabFile } from '../../src/labs/types.ts'

export const SEED_REPO = 'labs/01-resource-hooks/repo/pre-post-sync-hook'
export const SEED_FILES = ['pre-sync-job.yaml', 'deployment.yaml', 'svc.yaml', 'post-sync-job.yaml']

/** The seed lab's four manifests, as repo files of an app at path `app`. */
export function seedRepo(path = 'app'): LabFile[] {
  return SEED_FILES.map(f => ({ path: `repo/${path}/${f}`, text: readFileSync(`${SEED_REPO}/${f}`, 'utf8') }))
}

export const MINIMAL = `id: 99-test
title: Test lab
summary: A lab for tests.
minutes: 5
app:
  name: test-app
  namespace: learner
  path: app
tasks:
  - id: sync
    title: Sync it
    needsWork: false
    instructions: Sync.
    steps:
      - sync: {}
    check:
      - operation: { phase: Succeeded }
`

/** Parses a lab from lab.yaml text and files; throws with the diagnostics if it does not load. */
export function labOf(yaml: string, files: LabFile[] = seedRepo(), dir = 'labs/99-test'): Lab {
  const { lab, diagnostics } = parseLab([{ path: 'lab.yaml', text: yaml }, ...files], dir, validateLabSchema)
  if (!lab) throw new Error(diagnostics.map(d => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n'))
  return lab
}

/** Diagnostics of a lab.yaml, as file:line:col: error: message lines. */
export function problems(yaml: string, files: LabFile[] = seedRepo(), dir = 'labs/99-test'): string[] {
  return parseLab([{ path: 'lab.yaml', text: yaml }, ...files], dir, validateLabSchema).diagnostics
    .map(d => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`)
}

/** A session on the seed repo; `edit` replaces text in post-sync-job.yaml before the steps' commit. */
export async function seedSession(): Promise<LabSession> {
  return LabSession.start(labOf(MINIMAL))
}
