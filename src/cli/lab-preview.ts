// `synclab lab preview <dir> [--port 5180]`: the page with this lab, for its author. A small static server over
// the built page (the installed package's build/page/, or a checkout's dist/: course-site.ts) that makes labs.json
// from the lab's folder on every request, and tells the page over server-sent events (__synclab/changes) when a
// file of the lab is saved: the page reloads (src/ui/labs/preview-reload.ts). A lab that does not load is reported
// here as file:line:col, and the page keeps the last version that did. No service worker: sw.js is not served, so
// nothing is kept from one reload to the next.
import { createReadStream, statSync, watch } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { parseArgs } from 'node:util'
import { COURSE_FILE, COURSE_FORMAT, type CourseFile } from '../labs/course-file.ts'
import { loadLabDir, readLabFiles } from '../labs/load.ts'
import { formatDiagnostic } from '../manifest/index.ts'
import { findPageTemplate } from './course-site.ts'

export const PREVIEW_USAGE = `Usage:
  synclab lab preview <lab-dir> [--port 5180] [--host 127.0.0.1]

Serves the page with this lab at http://127.0.0.1:5180/ and reloads it each time a file of the lab is saved.`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf',
  '.json': 'application/json', '.svg': 'image/svg+xml',
}

export interface Preview {
  url: string
  close: () => Promise<void>
}

/** The lab as the page reads it, or the problems that keep it from loading. */
function readLab(dir: string): { course?: CourseFile; problems: string[] } {
  try {
    const { lab, diagnostics } = loadLabDir(dir)
    if (!lab) return { problems: diagnostics.map(formatDiagnostic) }
    return { course: { format: COURSE_FORMAT, builtin: false, preview: true, labs: [{ id: lab.id, files: readLabFiles(dir) }] }, problems: [] }
  } catch (e) {
    return { problems: [(e as Error).message] }
  }
}

export async function startPreview(dir: string, opts: { port: number; host: string; page: string },
  print: (line: string) => void, printError: (line: string) => void): Promise<Preview> {
  let last = readLab(dir)
  for (const p of last.problems) printError(p)
  const clients = new Set<ServerResponse>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const reread = () => {
    const next = readLab(dir)
    for (const p of next.problems) printError(p)
    if (!next.course) return printError('the lab does not load: the page keeps its last version')
    last = next
    print(`${dir} changed: reloading the page`)
    for (const c of clients) c.write('event: change\ndata: {}\n\n')
  }
  const watcher = watch(dir, { recursive: true }, () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(reread, 150)
  })

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (path === `/${COURSE_FILE}`) {
      res.setHeader('content-type', TYPES['.json']!)
      res.setHeader('cache-control', 'no-store')
      res.end(JSON.stringify(last.course ?? { format: COURSE_FORMAT, builtin: true, labs: [], preview: true }))
      return
    }
    if (path === '/__synclab/changes') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      res.write(': synclab lab preview\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
      return
    }
    const rel = normalize(path.slice(1) || 'index.html')
    const file = join(opts.page, rel)
    const stat = statSync(file, { throwIfNoEntry: false })
    if (rel.startsWith('..') || rel === 'sw.js' || !stat?.isFile()) {
      res.statusCode = 404
      res.end('not found')
      return
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    res.setHeader('cache-control', 'no-cache')
    createReadStream(file).pipe(res)
  }
  const server = createServer(serve)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, resolve)
  })
  const address = server.address() as { port: number }
  const id = last.course?.labs[0]?.id
  const url = `http://${opts.host}:${address.port}/${id ? `#lab=${id}` : ''}`
  return {
    url,
    close: () => new Promise(resolve => {
      watcher.close()
      if (timer !== undefined) clearTimeout(timer)
      for (const c of clients) c.end()
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

export async function previewCommand(argv: string[], print: (line: string) => void, printError: (line: string) => void,
  signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: {
    port: { type: 'string', default: '5180' }, host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h', default: false } } })
  if (values.help) {
    print(PREVIEW_USAGE)
    return 0
  }
  const port = Number(values.port)
  if (positionals.length !== 1 || !Number.isInteger(port) || port < 0 || port > 65535) {
    printError(`synclab lab preview: name one lab folder (and a port from 0 to 65535)\n\n${PREVIEW_USAGE}`)
    return 2
  }
  const template = findPageTemplate()
  const preview = await startPreview(positionals[0]!, { port, host: values.host, page: template.dir }, print, printError)
  print(`previewing ${positionals[0]} at ${preview.url} (from ${template.note}; Ctrl+C stops)`)
  await new Promise<void>(resolve => {
    if (signal?.aborted) return resolve()
    signal?.addEventListener('abort', () => resolve(), { once: true })
    process.once('SIGINT', () => resolve())
  })
  await preview.close()
  return 0
}
