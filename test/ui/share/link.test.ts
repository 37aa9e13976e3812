import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import {
  MAX_DECODED_BYTES, decodeShare, encodeShare, filesForApp, hasShare, withoutShare,
} from '../../../src/ui/share/link.ts'
import { keepPreviousWork, previousWork } from '../../../src/ui/share/previous-work.ts'
import { receiveShare } from '../../../src/ui/share/receive.ts'

const LAB = '01-resource-hooks'
const labFiles = () => readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook'])
  .map(f => ({ path: f.path.replace(/^labs\/01-resource-hooks\/repo\//, ''), text: f.text }))

/** A fragment carrying any JSON value, compressed like the real thing. */
const craft = (value: unknown, lab: string | null = LAB): string => {
  const s = deflateRawSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))).toString('base64url')
  return `#${lab === null ? '' : `lab=${lab}&`}s=${s}`
}
const payload = (files: unknown, extra: Record<string, unknown> = {}) => ({ v: 1, lab: LAB, files, ...extra })

describe('shareable link', () => {
  it('round trip: the lab and the files come back exactly, compressed into #lab=<id>&s=<base64url>', async () => {
    const files = [...labFiles(), { path: 'pre-post-sync-hook/extra.yaml', text: '# ünïcødé ✓ 🚀\nkind: ConfigMap\n' }]
    const fragment = await encodeShare({ lab: LAB, files })
    expect(fragment).toMatch(/^#lab=01-resource-hooks&s=[A-Za-z0-9_-]+$/)
    expect(fragment.length).toBeLessThan(JSON.stringify(files).length)
    expect(await decodeShare(fragment)).toEqual({ lab: LAB, files })
    expect(await decodeShare(fragment.slice(1))).toEqual({ lab: LAB, files }) // without the '#'
    expect(hasShare(fragment)).toBe(true)
    expect(withoutShare(fragment)).toBe('#lab=01-resource-hooks')
    expect(hasShare('#lab=01-resource-hooks')).toBe(false)
  })

  it('no files, and only path and text of each file, are carried', async () => {
    expect(await decodeShare(await encodeShare({ lab: LAB, files: [] }))).toEqual({ lab: LAB, files: [] })
    const extra = { path: 'a/b.yaml', text: 'x', secret: 1 } as { path: string; text: string }
    expect((await decodeShare(await encodeShare({ lab: LAB, files: [extra] })))?.files).toEqual([{ path: 'a/b.yaml', text: 'x' }])
  })

  it('garbage gives undefined, never an exception', async () => {
    const inputs = ['', '#', '#lab=01-resource-hooks', '#s=', '#s=!!!!', '#s=A', '#s=AAAA', '#s=%ZZ', '#s=a+b/c==',
      `#s=${Buffer.from('not deflate at all, just text').toString('base64url')}`,
      `#s=${Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)).toString('base64url')}`,
      craft('not json {'), craft('"a string"'), craft('null'), craft('[1,2]'), craft(Buffer.from([0xff, 0xfe, 0x00]).toString('latin1')),
      craft({ lab: LAB, files: [] }), // no version
      craft(payload([], { v: 2 })),
      craft(payload('files')),
      craft(payload([{ path: 1, text: 'x' }])),
      craft(payload([{ path: 'a.yaml' }])),
      craft(payload([{ path: 'a.yaml', text: ['x'] }])),
      craft(payload([null])),
      craft(payload([{ path: '../etc/passwd', text: 'x' }])),
      craft(payload([{ path: 'a/../../b.yaml', text: 'x' }])),
      craft(payload([{ path: '/abs.yaml', text: 'x' }])),
      craft(payload([{ path: 'a\\b.yaml', text: 'x' }])),
      craft(payload([{ path: 'a/<script>.yaml', text: 'x' }])),
      craft(payload([{ path: '', text: 'x' }])),
      craft(payload([{ path: 'a.yaml', text: 'x' }, { path: 'a.yaml', text: 'y' }])), // duplicate
      craft(payload([{ path: `${'a'.repeat(300)}.yaml`, text: 'x' }])),
      craft(payload(Array.from({ length: 201 }, (_, i) => ({ path: `f${i}.yaml`, text: '' })))),
      craft({ v: 1, lab: '../../evil', files: [] }, null),
      craft({ v: 1, lab: 'not-a-lab-id', files: [] }, null),
      craft(payload([]), '02-delete-policies'), // the address names another lab than the payload
    ]
    const good = await encodeShare({ lab: LAB, files: labFiles() })
    inputs.push(good.slice(0, good.length - 20)) // cut short
    inputs.push(good.replace(/s=(.{10})/, 's=$1AAAA')) // corrupted
    for (const input of inputs) {
      await expect(decodeShare(input), input.slice(0, 80)).resolves.toBeUndefined()
    }
    expect(await decodeShare(craft(payload([{ path: 'ok/a.yaml', text: 'x' }])))).toEqual({ lab: LAB, files: [{ path: 'ok/a.yaml', text: 'x' }] })
  })

  it('caps the decoded size at 512 KB (a small link cannot inflate into a huge one)', async () => {
    const fits = { path: 'a/big.yaml', text: `# ${'x'.repeat(MAX_DECODED_BYTES - 200)}` }
    const fitting = await encodeShare({ lab: LAB, files: [fits] })
    expect(fitting.length).toBeLessThan(4000) // compresses well
    expect((await decodeShare(fitting))?.files[0]?.text.length).toBe(fits.text.length)

    const tooBig = await encodeShare({ lab: LAB, files: [{ path: 'a/big.yaml', text: 'x'.repeat(MAX_DECODED_BYTES) }] })
    expect(await decodeShare(tooBig)).toBeUndefined()

    // A deflate bomb: 64 MB of zeros in about 64 KB of link.
    const bomb = `#s=${deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64url')}`
    const started = performance.now()
    expect(await decodeShare(bomb)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(2000)

    expect(await decodeShare(`#s=${'A'.repeat(1024 * 1024 + 4)}`)).toBeUndefined() // oversized link
  })

  it('the receiving page takes only the YAML files of the lab app folder, as an edit', async () => {
    const work = { lab: LAB, files: [
      { path: 'pre-post-sync-hook/a.yaml', text: 'a' }, { path: 'pre-post-sync-hook/notes.md', text: '# md' },
      { path: 'elsewhere/b.yaml', text: 'b' }, { path: 'pre-post-sync-hook-2/c.yml', text: 'c' },
    ] }
    expect(filesForApp(work, 'pre-post-sync-hook').map(f => f.path)).toEqual(['pre-post-sync-hook/a.yaml'])

    const replaced: unknown[] = []
    const session = { files: [], dirty: false, replaceFiles: (files: unknown) => void replaced.push(files) }
    const lab = { id: LAB, app: { name: 'argo-hook', namespace: 'learner', path: 'pre-post-sync-hook' } }
    const guard = { confirm: () => true, keep: () => true }
    expect(await receiveShare('#lab=01-resource-hooks', session, lab, guard)).toBeUndefined()
    expect(await receiveShare(await encodeShare(work), session, lab, guard)).toEqual({ ok: true, files: 1, kept: true })
    expect(replaced).toEqual([[{ path: 'pre-post-sync-hook/a.yaml', text: 'a' }]])
    expect(await receiveShare('#lab=01-resource-hooks&s=garbage!', session, lab, guard)).toMatchObject({ ok: false })
    expect(await receiveShare(await encodeShare({ lab: LAB, files: [{ path: 'x/y.yaml', text: '' }] }), session, lab, guard))
      .toMatchObject({ ok: false })
    // A link for another lab is left for the page to open that lab.
    expect(await receiveShare(await encodeShare({ lab: '02-delete-policies', files: [] }), session, lab, guard)).toBeUndefined()
    expect(replaced).toHaveLength(1)
  })

  it('over uncommitted work it asks first: declined, nothing changes; accepted, the files replaced are kept and restorable', async () => {
    const mine = [{ path: 'pre-post-sync-hook/svc.yaml', text: 'mine, not committed' }]
    const session = { files: mine, dirty: true, replaceFiles(files: typeof mine) { this.files = files } }
    const lab = { id: LAB, app: { name: 'argo-hook', namespace: 'learner', path: 'pre-post-sync-hook' } }
    const link = await encodeShare({ lab: LAB, files: [{ path: 'pre-post-sync-hook/svc.yaml', text: 'shared' }] })
    const data = new Map<string, string>()
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }
    const questions: string[] = []
    const guard = (answer: boolean) => ({ confirm: (q: string) => { questions.push(q); return answer },
      keep: (files: typeof mine) => keepPreviousWork(storage, 'synclab:lab', files) })

    expect(await receiveShare(link, session, lab, guard(false))).toEqual({ ok: false, why: 'The shared link was not opened: your files are as they were.' })
    expect(session.files).toBe(mine)
    expect(questions[0]).toMatch(/changes not committed yet\. Open it\?/)
    expect(previousWork(storage, 'synclab:lab')).toBeUndefined()

    expect(await receiveShare(link, session, lab, guard(true))).toEqual({ ok: true, files: 1, kept: true })
    expect(session.files).toEqual([{ path: 'pre-post-sync-hook/svc.yaml', text: 'shared' }])
    expect(previousWork(storage, 'synclab:lab')).toEqual(mine)
    // The same link again changes nothing and asks nothing.
    expect(await receiveShare(link, session, lab, guard(false))).toEqual({ ok: true, files: 1, kept: false })
    expect(questions).toHaveLength(2)
    // A damaged kept copy is not restored as files.
    data.set('synclab:lab:before-share', '{"files": "x"}')
    expect(previousWork(storage, 'synclab:lab')).toBeUndefined()
  })
})
