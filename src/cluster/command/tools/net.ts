// Network clients against a simulated network: every host resolves and serves a small HTML page after a
// short delay, except the run's unreachableHosts, which fail the way a DNS miss does.

import type { Proc, Program } from '../machine.ts'

const RESPONSE_MS = 300
const DNS_FAIL_MS = 100

interface Target { url: string; host: string; https: boolean; path: string }

/** Parses a URL as curl does (no scheme means http); undefined for a scheme other than http(s). */
function target(raw: string): Target | { scheme: string } | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { scheme }
  try {
    const u = new URL(scheme === undefined ? `http://${raw}` : raw)
    return { url: u.href, host: u.hostname, https: u.protocol === 'https:', path: u.pathname }
  } catch {
    return undefined
  }
}

/** A stable fake address for a host, for the lines clients print. */
function addressOf(host: string): string {
  let h = 7
  for (const c of host) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return `10.96.${(h >>> 8) & 255}.${(h & 253) + 1}`
}

export function htmlPage(host: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${host}</title></head>\n`
    + `<body><h1>${host}</h1><p>Served by the synclab simulated network.</p></body>\n</html>\n`
}

const CURL_VALUE_SHORT = new Set(['o', 'X', 'H', 'd', 'u', 'w', 'm', 'A', 'e', 'T', 'F', 'b', 'c', 'x', 'r', 'E', 'K', 'Y', 'y', 'z'])
const CURL_VALUE_LONG = new Set(['output', 'request', 'header', 'data', 'data-raw', 'data-binary', 'data-urlencode',
  'user', 'write-out', 'max-time', 'user-agent', 'referer', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time',
  'cacert', 'cert', 'key', 'resolve', 'proxy', 'form', 'cookie', 'url', 'output-dir', 'config', 'range'])
const CURL_FLAGS_SHORT = new Set(['s', 'S', 'f', 'L', 'k', 'v', 'i', 'I', 'O', '4', '6', 'g', 'N', 'G', 'q', 'n', 'Z', 'j', 'J', 'l', '0', '1', '2', '3'])
const CURL_TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n"

const PROGRESS_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n'

function progressLine(size: number, ms: number): string {
  const speed = ms === 0 ? size : Math.round((size * 1000) / ms)
  const pct = size > 0 ? 100 : 0
  return `${String(pct).padStart(3)} ${String(size).padStart(5)}  ${String(pct).padStart(3)} ${String(size).padStart(5)}    0     0 `
    + `${String(speed).padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${String(speed).padStart(5)}\n`
}

export const curl: Program = (argv, p) => {
  const flags = new Set<string>()
  const values = new Map<string, string>()
  const urls: string[] = []
  const args = argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('--') && a.length > 2) {
      const [name, inline] = a.slice(2).split(/=(.*)/s) as [string, string | undefined]
      if (CURL_VALUE_LONG.has(name)) {
        const v = inline ?? args[++i]
        if (v === undefined) return usage(p, `curl: option --${name}: requires parameter\n`)
        if (name === 'url') urls.push(v)
        else values.set(name === 'output' ? 'o' : name === 'write-out' ? 'w' : name, v)
      } else if (/^(silent|show-error|fail|fail-with-body|location|insecure|verbose|include|head|remote-name|compressed|http1\.1|http2|no-progress-meter|progress-bar|globoff|no-buffer|retry-all-errors|retry-connrefused|ipv4|ipv6|raw|path-as-is|create-dirs)$/.test(name)) {
        flags.add({ silent: 's', 'show-error': 'S', fail: 'f', 'fail-with-body': 'f', location: 'L', head: 'I', include: 'i', verbose: 'v', 'remote-name': 'O', 'no-progress-meter': 'P' }[name] ?? name)
      } else return usage(p, `curl: option --${name}: is unknown\n`)
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!
        if (CURL_VALUE_SHORT.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i]
          if (v === undefined) return usage(p, `curl: option -${c}: requires parameter\n`)
          values.set(c, v)
          break
        }
        if (!CURL_FLAGS_SHORT.has(c)) return usage(p, `curl: option -${a.slice(j)}: is unknown\n`)
        flags.add(c)
      }
    } else urls.push(a)
  }
  if (urls.length === 0) return usage(p, 'curl: no URL specified\n')

  const silent = flags.has('s')
  const showError = !silent || flags.has('S')
  const meter = !silent && !flags.has('P') && !flags.has('v')
  for (const raw of urls) {
    const t = target(raw)
    if (t === undefined || 'scheme' in t) {
      if (meter) p.io.err(PROGRESS_HEAD + progressLine(0, 0))
      if (showError) p.io.err(t ? `curl: (1) Protocol "${t.scheme}" not supported\n` : `curl: (3) URL rejected: Malformed input to a URL function\n`)
      return t ? 1 : 3
    }
    if (!p.m.resolves(t.host)) {
      p.m.sleep(DNS_FAIL_MS)
      if (meter) p.io.err(PROGRESS_HEAD + progressLine(0, 0))
      if (showError) p.io.err(`curl: (6) Could not resolve host: ${t.host}\n`)
      return 6
    }
    p.m.sleep(RESPONSE_MS)
    const body = htmlPage(t.host)
    const headers = `${t.https ? 'HTTP/2 200' : 'HTTP/1.1 200 OK'}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${body.length}\r\n\r\n`
    const payload = flags.has('I') ? headers : flags.has('i') ? headers + body : body
    if (meter) p.io.err(PROGRESS_HEAD + progressLine(payload.length, RESPONSE_MS))
    const file = values.get('o') ?? (flags.has('O') ? t.path.slice(t.path.lastIndexOf('/') + 1) : undefined)
    if (file === '') {
      if (showError) p.io.err('curl: (23) Remote file name has no length\n')
      return 23
    }
    if (file === undefined || file === '-') p.io.out(payload)
    else if (file !== '/dev/null') p.m.files.set(file, payload)
    const w = values.get('w')
    if (w !== undefined) {
      const vars: Record<string, string> = { http_code: '200', response_code: '200', url_effective: t.url,
        time_total: (RESPONSE_MS / 1000).toFixed(6), size_download: String(body.length),
        content_type: 'text/html; charset=utf-8', remote_ip: addressOf(t.host) }
      p.io.out(w.replace(/\\n/g, '\n').replace(/%\{(\w+)\}/g, (all, k: string) => (Object.hasOwn(vars, k) ? vars[k]! : all)))
    }
  }
  return 0
}

function usage(p: Proc, message: string): number {
  p.io.err(message + CURL_TRY)
  return 2
}

/** BusyBox wget (busybox/alpine images) or GNU wget (Debian images). */
export const wget: Program = (argv, p) => {
  let quiet = false
  let output: string | undefined
  let spider = false
  const urls: string[] = []
  const args = argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--spider') spider = true
    else if (a === '--quiet') quiet = true
    else if (a.startsWith('--output-document=')) output = a.slice(18)
    else if (/^-[a-zA-Z]/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!
        if (c === 'q') quiet = true
        else if (c === 'O' || c === 'T' || c === 'U' || c === 'Y' || c === 't') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i] ?? ''
          if (c === 'O') output = v
          break
        }
      }
    } else if (!a.startsWith('-')) urls.push(a)
  }
  const busybox = p.m.image.userland === 'busybox'
  if (urls.length === 0) {
    p.io.err(busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n")
    return 1
  }
  for (const raw of urls) {
    const t = target(raw)
    if (t === undefined || 'scheme' in t) {
      p.io.err(busybox ? `wget: not an http or ftp url: ${raw}\n` : `${raw}: Unsupported scheme.\n`)
      return 1
    }
    if (!p.m.resolves(t.host)) {
      p.m.sleep(DNS_FAIL_MS)
      p.io.err(busybox ? `wget: bad address '${t.host}'\n` : `${quiet ? '' : `Resolving ${t.host} (${t.host})... failed: Name or service not known.\n`}wget: unable to resolve host address '${t.host}'\n`)
      return busybox ? 1 : 4
    }
    p.m.sleep(RESPONSE_MS)
    const body = htmlPage(t.host)
    const file = output ?? (t.path.slice(t.path.lastIndexOf('/') + 1) || 'index.html')
    if (!quiet) {
      p.io.err(busybox
        ? `Connecting to ${t.host} (${addressOf(t.host)}:${t.https ? 443 : 80})\n${spider ? 'remote file exists\n' : file === '-' ? 'writing to stdout\n' : `saving to '${file}'\n`}`
        : `Resolving ${t.host} (${t.host})... ${addressOf(t.host)}\nHTTP request sent, awaiting response... 200 OK\nLength: ${body.length} [text/html]\n`)
    }
    if (spider) continue
    if (file === '-') p.io.out(body)
    else if (file !== '/dev/null') p.m.files.set(file, body)
    if (!quiet) p.io.err(busybox ? (file === '-' ? 'written to stdout\n' : `'${file}' saved\n`) : `'${file}' saved [${body.length}/${body.length}]\n`)
  }
  return 0
}

/** `nc -z host port`: BusyBox nc, the usual wait-for-a-port probe. */
export const nc: Program = (argv, p) => {
  const operands = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !/^-[a-zA-Z]*w$/.test(all[i - 1] ?? ''))
  const host = operands[0]
  if (host === undefined) {
    p.io.err('Usage: nc [OPTIONS] HOST PORT\n')
    return 1
  }
  if (!p.m.resolves(host)) {
    p.m.sleep(DNS_FAIL_MS)
    p.io.err(`nc: bad address '${host}'\n`)
    return 1
  }
  p.m.sleep(10)
  return 0
}

export const nslookup: Program = (argv, p) => {
  const host = argv.slice(1).find(a => !a.startsWith('-'))
  if (host === undefined) return 1
  p.m.sleep(20)
  const head = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n'
  if (!p.m.resolves(host)) {
    p.io.out(`${head}** server can't find ${host}: NXDOMAIN\n\n`)
    return 1
  }
  p.io.out(`${head}Name:\t${host}\nAddress: ${addressOf(host)}\n\n`)
  return 0
}

/** The host a PostgreSQL client is pointed at: -h/--host or PGHOST; a local socket otherwise. */
function pgHost(argv: string[], p: Proc): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-h' || a === '--host') return argv[i + 1]
    if (a.startsWith('--host=')) return a.slice(7)
    if (a.startsWith('-h') && a.length > 2) return a.slice(2)
  }
  return p.env.get('PGHOST')
}

export const psql: Program = (argv, p) => {
  const host = pgHost(argv, p)
  p.m.sleep(50)
  if (host !== undefined && !p.m.resolves(host)) {
    p.io.err(`psql: error: could not translate host name "${host}" to address: Name or service not known\n`)
    return 2
  }
  return 0
}

/** -p/--port or PGPORT; 5432 otherwise. */
function pgPort(argv: string[], p: Proc): number {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-p' || a === '--port') return Number(argv[i + 1]) || 5432
    if (a.startsWith('--port=')) return Number(a.slice(7)) || 5432
  }
  return Number(p.env.get('PGPORT')) || 5432
}

const LOCAL = new Set(['/var/run/postgresql', 'localhost', '127.0.0.1'])

export const pgIsready: Program = (argv, p) => {
  const host = pgHost(argv, p) ?? '/var/run/postgresql'
  p.m.sleep(20)
  // In an exec probe, the server on the local socket answers once the container's postgres listens (R89).
  const local = p.m.ctx.localPorts
  const ok = local !== undefined && LOCAL.has(host) ? local.includes(pgPort(argv, p)) : p.m.resolves(host)
  p.io.out(`${host}:5432 - ${ok ? 'accepting connections' : 'no response'}\n`)
  return ok ? 0 : 2
}
