import { describe, expect, it } from 'vitest'
import { startErrorMessage } from '../../src/cluster/command/index.ts'
import { formatDate, parseDuration } from '../../src/cluster/command/tools/time.ts'
import { exitCode, run, sh, stderr, stdout } from './helpers.ts'

describe('exec and start errors', () => {
  it('a missing binary is a StartError with exit code 128, as containerd reports it', () => {
    const r = run('quay.io/acend/example-web-go', ['curl', 'https://acend.ch'])
    expect(r.startError).toEqual({
      exitCode: 128,
      reason: 'StartError',
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown',
    })
    expect(r.end).toEqual({ atMs: 0, exitCode: 128 })
    expect(r.output).toEqual([])
    expect(run('alpine', ['/bin/bash', '-c', 'true']).startError?.message).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown')
    expect(startErrorMessage('x')).toMatch(/^failed to create containerd task/)
  })

  it('command overrides ENTRYPOINT and drops CMD; args alone are appended to ENTRYPOINT', () => {
    expect(stdout(run('busybox', ['echo'], { args: ['a', 'b'] }))).toBe('a b\n')
    expect(stdout(run('nginx', ['echo', 'x']))).toBe('x\n')
    // nginx's entrypoint execs args that are not nginx as they are.
    expect(stdout(run('nginx', undefined, { args: ['echo', 'via-entrypoint'] }))).toBe('via-entrypoint\n')
    expect(exitCode(run('nginx', undefined, { args: ['nope'] }))).toBe(127)
  })

  it('other binaries of the image exit 0 at once', () => {
    expect(run('busybox', ['ls', '-la']).end).toEqual({ atMs: 0, exitCode: 0 })
    expect(exitCode(run('busybox', ['false']))).toBe(1)
  })
})

describe('SIGTERM behaviour of PID 1', () => {
  it('a shell or sleep as PID 1 ignores SIGTERM; servers exit', () => {
    expect(run('busybox', ['sleep', '3600']).onSigterm).toBe('ignore')
    expect(sh('busybox', 'sleep 3600').onSigterm).toBe('ignore')
    expect(sh('nginx', 'echo start; nginx -g "daemon off;"').onSigterm).toBe('ignore')
    expect(run('nginx', undefined).onSigterm).toBe('exit')
    expect(run('quay.io/acend/example-web-go', undefined).onSigterm).toBe('exit')
  })

  it('exec, and a lone command of sh -c, make the program PID 1', () => {
    expect(sh('nginx', 'echo start; exec nginx -g "daemon off;"').onSigterm).toBe('exit')
    expect(sh('nginx', 'nginx -g "daemon off;"').onSigterm).toBe('exit')
  })
})

describe('sleep', () => {
  it.each([['10', 10_000], ['10s', 10_000], ['1m', 60_000], ['0.5', 500], ['1h', 3_600_000], ['2d', 172_800_000], ['.25', 250]])('sleep %s', (arg, ms) => {
    expect(run('busybox', ['sleep', arg]).end).toEqual({ atMs: ms, exitCode: 0 })
    expect(parseDuration(arg)).toBe(ms)
  })

  it('sleep infinity runs until killed; several args add up', () => {
    expect(run('busybox', ['sleep', 'infinity']).end).toEqual({ atMs: null })
    expect(run('debian', ['sleep', '1', '2s']).end).toEqual({ atMs: 3000, exitCode: 0 })
  })

  it('bad intervals fail like the real sleep', () => {
    const gnu = run('debian', ['sleep', 'abc'])
    expect(exitCode(gnu)).toBe(1)
    expect(stderr(gnu)).toBe("sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n")
    expect(stderr(run('busybox', ['sleep', 'abc']))).toBe("sleep: invalid number 'abc'\n")
    expect(exitCode(run('debian', ['sleep']))).toBe(1)
  })
})

describe('echo, printf, true, false', () => {
  it('echo and echo -n', () => {
    expect(stdout(run('busybox', ['echo', 'hello', 'world']))).toBe('hello world\n')
    expect(stdout(sh('busybox', 'echo -n a; echo b'))).toBe('ab\n')
    expect(stdout(sh('bash', 'echo -e "a\\tb"', { shell: ['bash', '-c'] }))).toBe('a\tb\n')
  })

  it('printf formats', () => {
    expect(stdout(sh('busybox', 'printf "%s=%d\\n" a 1 b 2'))).toBe('a=1\nb=2\n')
  })

  it('true and false', () => {
    expect(exitCode(sh('busybox', 'true'))).toBe(0)
    expect(exitCode(sh('busybox', 'false'))).toBe(1)
  })
})

describe('date', () => {
  it('prints the virtual time at its offset', () => {
    expect(stdout(run('busybox', ['date'], { startedAt: 10_000 }))).toBe('Wed Jan  1 00:00:10 UTC 2025\n')
    const r = sh('busybox', 'date; sleep 65; date', { startedAt: 86_400_000 * 31 + 5000 })
    expect(stdout(r)).toBe('Sat Feb  1 00:00:05 UTC 2025\nSat Feb  1 00:01:10 UTC 2025\n')
    expect(r.output[1]!.atMs).toBe(65_000)
  })

  it('formats', () => {
    expect(stdout(run('debian', ['date', '+%Y-%m-%dT%H:%M:%SZ %s'], { startedAt: 3_723_000 }))).toBe('2025-01-01T01:02:03Z 1735693323\n')
    expect(stdout(run('debian', ['date', '-u', '-Iseconds']))).toBe('2025-01-01T00:00:00+00:00\n')
    expect(formatDate(Date.UTC(2025, 11, 24, 18, 5, 9))).toBe('Wed Dec 24 18:05:09 UTC 2025')
  })
})

describe('cat, env, printenv', () => {
  it('cat reads known files and fails on others', () => {
    expect(stdout(run('debian', ['cat', '/etc/hostname']))).toBe('job-abc12\n')
    expect(stdout(run('alpine', ['cat', '/etc/os-release']))).toContain('Alpine Linux')
    expect(stdout(run('nginx', ['cat', '/etc/os-release']))).toContain('Debian GNU/Linux 12 (bookworm)')
    const r = run('debian', ['cat', '/nope'])
    expect(exitCode(r)).toBe(1)
    expect(stderr(r)).toBe('cat: /nope: No such file or directory\n')
    // BusyBox words it its own way, and busybox has no /etc/os-release at all.
    expect(stderr(run('busybox', ['cat', '/etc/os-release']))).toBe("cat: can't open '/etc/os-release': No such file or directory\n")
  })

  it('env prints the container environment', () => {
    const out = stdout(run('busybox', ['env'], { env: { APP: 'demo' } }))
    const lines = out.trim().split('\n')
    expect(lines[0]).toMatch(/^PATH=/)
    expect(lines).toEqual(expect.arrayContaining(['HOSTNAME=job-abc12', 'APP=demo', 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443', 'HOME=/root']))
    expect(stdout(run('busybox', ['printenv', 'APP'], { env: { APP: 'demo' } }))).toBe('demo\n')
    expect(exitCode(run('busybox', ['printenv', 'NOPE']))).toBe(1)
  })
})

describe('curl and wget', () => {
  it('curl prints the page after ~300 ms, with a progress meter on stderr unless -s', () => {
    const r = run('curlimages/curl', ['curl', 'https://acend.ch'])
    expect(r.end).toEqual({ atMs: 300, exitCode: 0 })
    expect(stdout(r)).toContain('<html')
    expect(stderr(r)).toContain('% Total    % Received')
    expect(stderr(run('curlimages/curl', ['curl', '-s', 'https://acend.ch']))).toBe('')
  })

  it('an unresolvable host is exit 6', () => {
    const r = run('curlimages/curl', ['curl', '-sS', 'http://db.internal/health'], { unreachable: ['db.internal'] })
    expect(exitCode(r)).toBe(6)
    expect(stderr(r)).toBe('curl: (6) Could not resolve host: db.internal\n')
    expect(stderr(run('curlimages/curl', ['curl', '-s', 'http://db.internal'], { unreachable: ['db.internal'] }))).toBe('')
  })

  it('flags: -o FILE, -f, -L, -w, -I, and bad usage', () => {
    expect(stdout(sh('curlimages/curl', 'curl -fsSL -o /tmp/page https://acend.ch && grep -c "<html" /tmp/page'))).toBe('1\n')
    expect(stdout(run('curlimages/curl', ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'https://acend.ch']))).toBe('200')
    expect(stdout(run('curlimages/curl', ['curl', '-sI', 'https://acend.ch']))).toMatch(/^HTTP\/2 200/)
    expect(exitCode(run('curlimages/curl', ['curl']))).toBe(2)
    expect(stderr(run('curlimages/curl', ['curl', '--bogus', 'x']))).toContain('curl: option --bogus: is unknown')
    expect(exitCode(run('curlimages/curl', ['curl', '-s', 'ftp://x']))).toBe(1)
  })

  it('busybox wget -qO-', () => {
    const r = run('busybox', ['wget', '-qO-', 'http://example.com'])
    expect(r.end).toEqual({ atMs: 300, exitCode: 0 })
    expect(stdout(r)).toContain('<html')
    const bad = run('busybox', ['wget', '-qO-', 'http://nowhere'], { unreachable: ['nowhere'] })
    expect(exitCode(bad)).toBe(1)
    expect(stderr(bad)).toBe("wget: bad address 'nowhere'\n")
  })

  it('servers as commands run for ever', () => {
    expect(run('quay.io/acend/example-web-python', ['python', '-m', 'http.server', '8080']).end.atMs).toBeNull()
    expect(stdout(run('python', ['python3', '-m', 'http.server']))).toContain('port 8000')
    expect(run('busybox', ['tail', '-f', '/dev/null']).end.atMs).toBeNull()
  })

  it('postgres run directly as root refuses to start', () => {
    const r = run('postgres', ['postgres'])
    expect(exitCode(r)).toBe(1)
    expect(stderr(r)).toContain('"root" execution of the PostgreSQL server is not permitted.')
  })
})
