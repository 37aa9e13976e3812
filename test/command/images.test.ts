import { describe, expect, it } from 'vitest'
import { IMAGE_NAMES, IMAGES, lookupImage, parseImageRef } from '../../src/cluster/images.ts'
import { exitCode, run, stderr } from './helpers.ts'

describe('image references', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox'],
    ['busybox:1.36', 'docker.io/library/busybox'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox'],
    ['library/busybox', 'docker.io/library/busybox'],
    ['index.docker.io/library/busybox:1.37.0-glibc', 'docker.io/library/busybox'],
    [`busybox@sha256:${'a'.repeat(64)}`, 'docker.io/library/busybox'],
    [`busybox:1.36@sha256:${'0'.repeat(64)}`, 'docker.io/library/busybox'],
    ['quay.io/acend/example-web-go:latest', 'quay.io/acend/example-web-go'],
    ['quay.io/acend/example-web-python', 'quay.io/acend/example-web-python'],
    ['curlimages/curl:8.11.1', 'docker.io/curlimages/curl'],
    ['nginx:1.27-alpine', 'docker.io/library/nginx'],
    ['postgres:17', 'docker.io/library/postgres'],
  ])('%s is %s', (ref, repository) => {
    expect(lookupImage(ref)?.repository).toBe(repository)
  })

  it.each(['busybx', 'quay.io/acend/example-web-rust', 'ghcr.io/library/busybox', 'docker.io/busybox/busybox', '', 'BusyBox',
    'busybox:', 'busybox@sha256:xyz', 'busybox:bad tag'])('%j is unknown', ref => {
    expect(lookupImage(ref)).toBeUndefined()
  })

  it('parses tag and digest', () => {
    expect(parseImageRef(`localhost:5000/team/app:v1@sha256:${'b'.repeat(64)}`)).toEqual({
      repository: 'localhost:5000/team/app', tag: 'v1', digest: `sha256:${'b'.repeat(64)}`,
    })
  })

  it('lists the known image names for completion', () => {
    expect(IMAGE_NAMES).toEqual(expect.arrayContaining(['busybox', 'alpine', 'bash', 'curlimages/curl', 'nginx',
      'quay.io/acend/example-web-go', 'quay.io/acend/example-web-python', 'postgres', 'python', 'ubuntu', 'debian']))
    for (const name of IMAGE_NAMES) expect(lookupImage(name)?.name).toBe(name)
  })
})

describe('image contents', () => {
  const has = (image: string, bin: string): boolean => lookupImage(image)!.binaries.has(bin)

  it.each([
    ['busybox', ['sh', 'sleep', 'echo', 'date', 'cat', 'env', 'true', 'false', 'wget', 'ls'], ['bash', 'curl']],
    ['alpine', ['sh', 'sleep', 'wget'], ['bash', 'curl']],
    ['bash', ['bash', 'sh', 'sleep', 'cat'], ['curl']],
    ['curlimages/curl', ['sh', 'curl'], ['bash']],
    ['nginx', ['sh', 'bash', 'curl', 'nginx'], []],
    ['quay.io/acend/example-web-go', ['bash', 'sh', 'sleep', 'cat', 'example-web-go'], ['curl', 'wget']],
    ['quay.io/acend/example-web-python', ['bash', 'sh', 'curl', 'python'], []],
    ['postgres', ['bash', 'sh', 'postgres', 'psql'], ['curl']],
  ])('%s', (image, present, absent) => {
    for (const b of present) expect(has(image, b), b).toBe(true)
    for (const b of absent) expect(has(image, b), b).toBe(false)
  })

  it('pull durations and sizes are plausible', () => {
    for (const img of IMAGES) {
      expect(img.pullMs).toBeGreaterThanOrEqual(1000)
      expect(img.pullMs).toBeLessThanOrEqual(8000)
      expect(img.sizeBytes).toBeGreaterThan(1_000_000)
    }
    expect(lookupImage('busybox')!.pullMs).toBeLessThan(lookupImage('postgres')!.pullMs)
  })
})

describe('default commands', () => {
  it.each(IMAGES.map(i => [i.name, i] as const))('%s does what its catalog entry says', (name, img) => {
    const r = run(name, undefined)
    expect(r.startError).toBeUndefined()
    expect(exitCode(r)).toBe(img.defaultRun.exitCode)
    if (img.defaultRun.exitCode === null) expect(r.onSigterm).toBe(img.defaultRun.handlesSigterm ? 'exit' : 'ignore')
  })

  it('busybox and alpine sh exit 0 at once without a tty', () => {
    expect(run('busybox', undefined).end).toEqual({ atMs: 0, exitCode: 0 })
    expect(run('alpine', undefined).end).toEqual({ atMs: 0, exitCode: 0 })
  })

  it('web servers run for ever and log a start line', () => {
    const go = run('quay.io/acend/example-web-go', undefined)
    expect(go.end.atMs).toBeNull()
    expect(stderr(go)).toMatch(/^2025\/01\/01 00:00:00 Listening on :5000\n$/)
    const nginx = run('nginx', undefined)
    expect(nginx.end.atMs).toBeNull()
    expect(nginx.output.map(o => o.text).join('')).toContain('Configuration complete; ready for start up')
    expect(nginx.onSigterm).toBe('exit')
    expect(run('quay.io/acend/example-web-python', undefined).end.atMs).toBeNull()
  })

  it('postgres without POSTGRES_PASSWORD exits 1 with its error; with it, runs', () => {
    const r = run('postgres', undefined)
    expect(exitCode(r)).toBe(1)
    expect(stderr(r)).toContain('Error: Database is uninitialized and superuser password is not specified.')
    expect(stderr(r)).toContain('You must specify POSTGRES_PASSWORD to a non-empty value for the')
    expect(run('postgres', undefined, { env: { POSTGRES_PASSWORD: '' } }).end).toEqual({ atMs: 0, exitCode: 1 })
    const ok = run('postgres', undefined, { env: { POSTGRES_PASSWORD: 's3cret' } })
    expect(ok.end.atMs).toBeNull()
    expect(stderr(ok)).toContain('database system is ready to accept connections')
    expect(run('postgres', undefined, { env: { POSTGRES_HOST_AUTH_METHOD: 'trust' } }).end.atMs).toBeNull()
  })

  it('postgres args that are options go to postgres through the entrypoint', () => {
    expect(exitCode(run('postgres', undefined, { args: ['-c', 'max_connections=50'] }))).toBe(1)
    expect(run('postgres', undefined, { args: ['-c', 'max_connections=50'], env: { POSTGRES_PASSWORD: 'x' } }).end.atMs).toBeNull()
  })

  it('curlimages/curl passes args alone to curl', () => {
    expect(exitCode(run('curlimages/curl', undefined))).toBe(2)
    const r = run('curlimages/curl', undefined, { args: ['-sS', 'https://example.com'] })
    expect(r.end).toEqual({ atMs: 300, exitCode: 0 })
    expect(exitCode(run('curlimages/curl', undefined, { args: ['sh', '-c', 'exit 4'] }))).toBe(4)
  })

  it('nginx without `daemon off` forks away, so PID 1 exits 0', () => {
    expect(run('nginx', ['nginx']).end).toEqual({ atMs: 0, exitCode: 0 })
    expect(run('nginx', ['nginx', '-g', 'daemon off;']).end.atMs).toBeNull()
  })
})
