// Shared by the CLI tests: run `synclab` in-process with captured output, and write fixture trees to temp dirs.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.ts'
import type { SyncDocument } from '../../src/cli/sync.ts'

export const SEED_LAB = 'labs/01-resource-hooks/repo/pre-post-sync-hook'

export interface CliResult { code: number; out: string; err: string }

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: t => { out += t }, err: t => { err += t } })
  return { code, out, err }
}

/** `synclab sync --json ...`, parsed. */
export async function syncJson(...argv: string[]): Promise<{ code: number; doc: SyncDocument; out: string; err: string }> {
  const r = await cli('sync', '--json', ...argv)
  return { ...r, doc: JSON.parse(r.out) as SyncDocument }
}

/** A temp dir holding the given files (name -> YAML text). */
export function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-sync-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** Acend lab 3.2: the PostSync `after` Job runs `curl https://acend.ch` in an image without curl. */
export function failingSeedLab(): string {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-lab32-'))
  cpSync(SEED_LAB, dir, { recursive: true })
  const file = join(dir, 'post-sync-job.yaml')
  const text = readFileSync(file, 'utf8')
  const changed = text.replace('command: ["sleep", "10"]', 'command: ["curl", "https://acend.ch"]')
  if (changed === text) throw new Error('post-sync-job.yaml changed; update the fixture')
  writeFileSync(file, changed)
  return dir
}

export const job = (name: string, annotations: Record<string, string>, command: string[], extra = ''): string => [
  'apiVersion: batch/v1', 'kind: Job', 'metadata:', `  name: ${name}`,
  ...(Object.keys(annotations).length ? ['  annotations:', ...Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`)] : []),
  'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never', '      containers:',
  '        - name: main', '          image: quay.io/acend/example-web-go', `          command: ${JSON.stringify(command)}`,
  extra].join('\n') + '\n'

export const configMap = (name: string, annotations: Record<string, string> = {}, data = 'a: "1"'): string => [
  'apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`,
  ...(Object.keys(annotations).length ? ['  annotations:', ...Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`)] : []),
  'data:', `  ${data}`].join('\n') + '\n'
