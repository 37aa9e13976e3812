// The CLI's manifest reader stays within the limits of Argo CD's repo server: a 10M cap on the manifests of one
// application, symlinks that stay inside the tree, regular files only, UTF-8 text (the robustness review: a 50 MB
// file took 2-3 GB, symlinks to /dev/zero and FIFOs were followed, invalid UTF-8 was silently replaced).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeUtf8, MAX_COMBINED_MANIFEST_BYTES, readManifestSources } from '../../src/cli/files.ts'

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'
const tree = () => mkdtempSync(join(tmpdir(), 'synclab-files-'))
const messages = (r: ReturnType<typeof readManifestSources>) => r.diagnostics.map(d => `${d.file.replace(/.*\//, '')}:${d.line}:${d.col}: ${d.message}`)

describe('reading manifest folders within the repo server\'s limits', () => {
  it('symlinks leaving the tree are an error in Argo CD\'s words and are not read; FIFOs are skipped', () => {
    const dir = tree()
    writeFileSync(join(dir, 'ok.yaml'), CM)
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'))
    symlinkSync('/etc/hostname', join(dir, 'host.yaml'))
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')])
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'sub', 'inner.yaml'), CM.replace('name: c', 'name: d'))
    symlinkSync(join(dir, 'sub', 'inner.yaml'), join(dir, 'also.yaml')) // inside the tree: read
    const r = readManifestSources([dir], dir)
    expect(r.files.map(f => f.path)).toEqual(['also.yaml', 'ok.yaml', 'sub/inner.yaml'])
    expect(messages(r)).toEqual([
      expect.stringMatching(/^host\.yaml:1:1: repository contains out-of-bounds symlinks\. file: host\.yaml/),
      expect.stringMatching(/^zero\.yaml:1:1: repository contains out-of-bounds symlinks\. file: zero\.yaml/),
    ])
  })

  it('a device or pipe named on the command line is refused, not read', () => {
    const r = readManifestSources(['/dev/zero'])
    expect(r.files).toEqual([])
    expect(r.diagnostics[0]!.message).toMatch(/not a regular file/)
  })

  it('more than 10M of manifests: refused before reading, in Argo CD\'s words', () => {
    const dir = tree()
    writeFileSync(join(dir, 'a.yaml'), CM)
    writeFileSync(join(dir, 'b.yaml'), `${CM}data:\n  x: "${'x'.repeat(MAX_COMBINED_MANIFEST_BYTES)}"\n`)
    const r = readManifestSources([dir], dir)
    expect(r.files.map(f => f.path)).toEqual(['a.yaml'])
    expect(messages(r)).toEqual([expect.stringMatching(/^b\.yaml:1:1: exceeded max combined manifest file size/)])
  })

  it('invalid UTF-8 is an error at its line and column, in go-yaml\'s words', () => {
    const dir = tree()
    writeFileSync(join(dir, 'bad.yaml'), Buffer.concat([Buffer.from(`${CM}data:\n  a: "ok`), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]))
    const r = readManifestSources([dir], dir)
    expect(r.files).toEqual([])
    expect(messages(r)).toEqual([expect.stringMatching(/^bad\.yaml:6:9: yaml: invalid leading UTF-8 octet/)])
    expect(decodeUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toMatchObject({ message: expect.stringMatching(/incomplete UTF-8 octet sequence/), line: 1, col: 2 })
    expect(decodeUtf8(Buffer.from([0xc3, 0x28]))).toMatchObject({ message: expect.stringMatching(/invalid trailing UTF-8 octet/) })
    expect(decodeUtf8(Buffer.from('ä: ö\n'))).toBe('ä: ö\n')
  })
})
