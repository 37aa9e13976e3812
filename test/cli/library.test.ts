// The library entry (src/lib/index.ts, `import { simulate } from 'synclab'`): the same document as `synclab sync
// --json` (schema/sync-output.schema.json), from YAML text or objects, with the CLI's options.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ManifestError, OptionError, simulate } from '../../src/lib/index.ts'
import { readManifestFiles } from '../../src/cli/files.ts'
import { SEED_LAB, syncJson } from './helpers.ts'

const POLICY = 'argocd.argoproj.io/hook-delete-policy'

describe('simulate()', () => {
  it('returns exactly what synclab sync --json prints (seed lab, two syncs, prune)', async () => {
    const cli = await syncJson('--repeat', '2', '--prune', '--seed', 'lib', SEED_LAB)
    const doc = await simulate(readManifestFiles([SEED_LAB]), { repeat: 2, prune: true, seed: 'lib' })
    expect(cli.code).toBe(0)
    expect(doc).toEqual(cli.doc)
  })

  it('takes YAML text and plain objects alike', async () => {
    const text = readFileSync(`${SEED_LAB}/pre-sync-job.yaml`, 'utf8')
    const fromText = await simulate(text)
    const fromObject = await simulate(parse(text) as object)
    expect(fromText.operations[0]!.phase).toBe('Succeeded')
    expect(fromObject).toEqual(fromText)
  })

  it('what-if: a PreSync hook that fails fails the sync and HookFailed deletes it (R35)', async () => {
    const text = readFileSync(`${SEED_LAB}/pre-sync-job.yaml`, 'utf8').replace(`${POLICY}: HookSucceeded`, `${POLICY}: HookFailed`)
    const doc = await simulate(text, { whatIf: { 'Job/before': 'fails' } })
    expect(doc.operations[0]!.phase).toBe('Failed')
    expect(doc.events.filter(e => e['type'] === 'delete').map(e => [e['name'], e['reason']])).toEqual([['before', 'HookFailed']])
  })

  it('invalid manifests throw a ManifestError with file:line:col', async () => {
    const error = await simulate('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ManifestError)
    expect((error as ManifestError).message).toMatch(/^manifests:\d+:\d+: error: /)
  })

  it('bad options throw an OptionError in the words of the CLI', async () => {
    await expect(simulate(readManifestFiles([SEED_LAB]), { syncOptions: ['Bogus=true'] })).rejects.toThrow(OptionError)
    await expect(simulate(readManifestFiles([SEED_LAB]), { whatIf: { 'Job/before': 'explodes' as never } }))
      .rejects.toThrow(/"explodes" is not one of succeeds, fails, slow, never-ready or bad-image/)
  })
})
