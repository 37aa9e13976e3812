// page: the built sandbox page served by `vite preview`, measured in Debian's chromium (playwright-core).
//  - appViewMs / editorMs: from navigation start to the app view rendered ([data-testid=sandbox][data-ready=true]
//    holding [data-testid=app-view]) and to the Monaco editor ready ([data-testid=manifest-editor][data-ready=true]),
//    read in the page: a MutationObserver installed before any page script stamps performance.now() (whose origin is
//    the navigation's start) in the mutation batch that puts the element there. Each navigation uses a fresh
//    profile (cold HTTP cache, empty localStorage); the median of NAVIGATIONS is reported.
//  - labContentGzipKB: the labs' text (its own chunk), content rather than code, so outside appJsGzipKB.
//  - appJsGzipKB: the app's own JavaScript that loads with the page (the entry chunk and its static imports), gzip;
//    lazyJsGzipKB: the app's chunks loaded later, when used (editor glue, diff, terminal with xterm.js).
//  - The chunks counted: the JavaScript of dist/assets that is the app's own code (everything but Monaco, monaco-yaml,
//    their setup and their workers), each gzip -9 with node:zlib; `gz.<chunk>` lists them.
//  - p95FrameMs / frames: a generated application of n resources committed, synced and played at 20× on the page
//    after a navigation; requestAnimationFrame deltas recorded in the page for FRAMES_MS of wall time (or until
//    the operation ends). Played on PLAYS navigations; the play with the median work figure is reported (one play
//    is 340 frames, whose 95th percentile is its 17th worst frame: a busy host moves it). frameWorkP95Ms is the main-thread time of each frame (from the frame's start to a task
//    posted from its requestAnimationFrame callback, which runs after style, layout and paint), the part of a
//    frame the page is responsible for; headless chromium draws at 60 Hz, so a delta is never under ~16.7 ms.
//    frameWorkQuantiles: that play's work at the 50th, 75th, 90th, 95th and 99th percentiles.
//  - frameWorkP95InViewMs / p95FrameInViewMs / framesInView: the same, on PLAYS other navigations, with the page
//    scrolled so that the timeline's top is at the viewport's top and kept there while the panels above it and the
//    timeline grow (a learner watching the timeline; scrolled from a ResizeObserver, after layout and before paint,
//    as scroll anchoring would). At the top of the page the timeline is off-screen and skipped by the browser.
//  - A slow classroom laptop (`cpuThrottle`, the page.slow case): chromium's CPU slowed down that many times (CDP
//    Emulation.setCPUThrottlingRate, set before the navigation), the same load figures and the plays at the top of
//    the page (no in-view plays: the load and the plain play are what the slow-laptop goals name).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { stringify } from 'yaml'
import type { KubeObject } from '../src/cluster/objects.ts'
import type { BenchResult } from './measure.ts'

const NAVIGATIONS = 3
/** Plays of each kind (page at its top, timeline in view), each on a navigation of its own. */
const PLAYS = 3
const FRAMES_MS = 8_000
const SPEED = 20
const ASSETS = 'dist/assets'
/** Monaco and what only it needs: not app code. The lazily loaded ManifestEditor chunk is app code. */
const NOT_APP = /^(monaco|monaco-yaml|monaco-setup|editor\.worker|yaml\.worker|lab-content)-[\w-]+\.js$/
/** The labs' YAML and Markdown, bundled as a chunk of its own: content, reported apart from the code. */
const LAB_CONTENT = /^lab-content-[\w-]+\.js$/
/** The flags of test/e2e/run.mjs. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface PageBenchOptions {
  /** Chromium's CPU slowed down this many times (1: not slowed). */
  cpuThrottle?: number
}

export async function benchPage(n: number, { cpuThrottle = 1 }: PageBenchOptions = {}): Promise<BenchResult> {
  const slowed = cpuThrottle > 1
  ensureBuilt()
  const gz = appChunksGzip()
  // The app's code that loads with the page (the entry and what it imports statically); the editor, the diff and
  // the terminal load later, when used, like Monaco: they are counted apart.
  const initial = initialChunks()
  const sum = (names: string[]) => round(names.reduce((a, name) => a + (gz[name] ?? 0), 0))
  const appJsGzipKB = sum(Object.keys(gz).filter(name => initial.has(name)))
  const lazyJsGzipKB = sum(Object.keys(gz).filter(name => !initial.has(name)))
  const labContentGzipKB = round(readdirSync(ASSETS).filter(f => LAB_CONTENT.test(f))
    .reduce((n, f) => n + gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length / 1024, 0))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}/`
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1',
    '--port', String(port), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let serverLog = ''
  server.stdout!.on('data', (d: Buffer) => { serverLog += d })
  server.stderr!.on('data', (d: Buffer) => { serverLog += d })
  const profiles: string[] = []
  let context: BrowserContext | undefined
  try {
    await waitForServer(base, server, 20_000).catch((e: unknown) => { throw new Error(`${String(e)}\n${serverLog}`) })
    const loads: LoadMarks[] = []
    const tops: FrameFigures[] = []
    const inViews: FrameFigures[] = []
    const navigations = slowed ? Math.max(NAVIGATIONS, PLAYS) : Math.max(NAVIGATIONS, 2 * PLAYS)
    for (let i = 0; i < navigations; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'synclab-bench-chromium-'))
      profiles.push(profile)
      context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
      })
      const page = context.pages()[0] ?? await context.newPage()
      const errors: string[] = []
      page.on('pageerror', e => errors.push(e.message))
      if (slowed) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle })
      await page.addInitScript({ content: MARKS_SCRIPT })
      const marked = marksRecorded(page, 30_000)
      await page.goto(base, { waitUntil: 'commit' })
      const marks = await marked
      if (i < NAVIGATIONS) loads.push(marks)
      if (slowed) tops.push(await playFrames(page, n, false))
      else if (i % 2 === 0 && tops.length < PLAYS) tops.push(await playFrames(page, n, false))
      else if (i % 2 === 1 && inViews.length < PLAYS) inViews.push(await playFrames(page, n, true))
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`)
      await context.close()
      context = undefined
    }
    const frames = medianPlay(tops)
    const inView = slowed ? undefined : medianPlay(inViews)
    const appViewMs = median(loads.map(l => l.appView))
    const editorMs = median(loads.map(l => l.editor))
    return {
      bench: slowed ? 'page.slow' : 'page', n, wallMs: appViewMs, appViewMs, editorMs, appJsGzipKB, lazyJsGzipKB, labContentGzipKB,
      ...(slowed ? { cpuThrottle } : {}),
      p95FrameMs: frames.p95, frames: frames.count, frameWorkP95Ms: frames.workP95, maxFrameMs: frames.max,
      virtualS: frames.virtualS, phase: frames.phase, frameWorkP95Plays: tops.map(f => f.workP95).join(' '),
      frameWorkQuantiles: frames.workQuantiles,
      ...(inView ? {
        frameWorkP95InViewMs: inView.workP95, p95FrameInViewMs: inView.p95, framesInView: inView.count,
        maxFrameInViewMs: inView.max, phaseInView: inView.phase,
        frameWorkP95InViewPlays: inViews.map(f => f.workP95).join(' '), frameWorkQuantilesInView: inView.workQuantiles,
      } : {}),
      ...Object.fromEntries(Object.entries(gz).map(([chunk, kb]) => [`gz.${chunk}`, round(kb)])),
    }
  } finally {
    await context?.close().catch(() => {})
    await stop(server)
    for (const p of profiles) rmSync(p, { recursive: true, force: true })
  }
}

/** The console message by which the page tells the bench its marks (followed by them, as JSON). */
const MARKS_MESSAGE = 'synclab-bench-marks '

// In the page, before any of its scripts: stamps when the app view and the editor are first in the document, and
// says so on the console. Read from the console rather than polled: Playwright's waitForFunction injects its own
// large script into the page (~40 ms of the main thread at 4× CPU) while the page is still loading.
export const MARKS_SCRIPT = `(() => {
  const marks = {}
  window.__benchMarks = marks
  const start = () => performance.getEntriesByType('navigation')[0]?.startTime ?? 0
  const observer = new MutationObserver(() => {
    if (marks.appView === undefined &&
        document.querySelector('[data-testid=sandbox][data-ready=true] [data-testid=app-view]'))
      marks.appView = Math.round((performance.now() - start()) * 10) / 10
    if (marks.editor === undefined && document.querySelector('[data-testid=manifest-editor][data-ready=true]'))
      marks.editor = Math.round((performance.now() - start()) * 10) / 10
    if (marks.appView !== undefined && marks.editor !== undefined) {
      observer.disconnect()
      console.debug(${JSON.stringify(MARKS_MESSAGE)} + JSON.stringify(marks))
    }
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] })
})()`

export interface LoadMarks { appView: number; editor: number }

/** The page's marks, once both are in (MARKS_SCRIPT); call before the navigation so that the message is not missed. */
export async function marksRecorded(page: Page, timeout: number): Promise<LoadMarks> {
  const message = await page.waitForEvent('console', { predicate: m => m.text().startsWith(MARKS_MESSAGE), timeout })
  return JSON.parse(message.text().slice(MARKS_MESSAGE.length)) as LoadMarks
}

interface FrameFigures {
  p95: number
  workP95: number
  max: number
  count: number
  virtualS: number
  phase: string
  /** Main-thread work per frame at the 50th, 75th, 90th, 95th and 99th percentiles, ms. */
  workQuantiles: string
}

/**
 * Replaces the lab's files with a generated app of n resources, commits, syncs, plays at 20×, records frames;
 * `inView`: with the timeline's top kept at the viewport's top.
 */
export async function playFrames(page: import('playwright-core').Page, n: number, inView: boolean): Promise<FrameFigures> {
  const texts = generatedFiles(n)
  const script = `(async () => {
    const texts = ${JSON.stringify(texts)}
    const s = window.__synclab
    const paths = s.files.map(f => f.path)
    if (paths.length < texts.length) throw new Error('the lab has ' + paths.length + ' files, need ' + texts.length)
    paths.forEach((p, i) => s.edit(p, texts[i] ?? ''))
    if (!s.commit('bench: ${n} resources')) throw new Error('commit failed: ' + JSON.stringify(s.diagnostics.slice(0, 3)))
    // The lab may start without its application (lab 01, as the seed): made as NEW APP makes it.
    if (!s.live.app) {
      const made = await s.createApp(s.labAppSpec())
      if (!made.ok) throw new Error('the application could not be made: ' + made.lines.join(' '))
    }
    // Let the editor and the page take in the new files before the clock starts.
    await new Promise(r => setTimeout(r, 1000))
    ${inView ? KEEP_TIMELINE_IN_VIEW : ''}
    const deltas = [], work = []
    const t0 = performance.now(), v0 = s.live.now
    let last, started = false
    performance.mark('synclab-play')
    s.sync({})
    s.play(${SPEED})
    const channel = new MessageChannel()
    let frameStart = 0
    channel.port1.onmessage = () => { work.push(performance.now() - frameStart) }
    await new Promise(resolve => {
      const frame = ts => {
        if (last !== undefined) deltas.push(ts - last)
        last = ts
        frameStart = ts
        channel.port2.postMessage(0)
        if (s.live.app.operationRunning) started = true
        const ended = started && !s.live.app.operationRunning
        if (performance.now() - t0 < ${FRAMES_MS} && !ended) requestAnimationFrame(frame)
        else setTimeout(resolve, 50)
      }
      requestAnimationFrame(frame)
    })
    s.pause()
    channel.port1.close()
    ${inView ? 'keeper.disconnect()' : ''}
    const phase = s.live.app.currentOperation?.result().phase ?? 'none'
    return { deltas, work, virtualMs: s.live.now - v0, phase }
  })()`
  const r = await page.evaluate(script) as { deltas: number[]; work: number[]; virtualMs: number; phase: string }
  if (r.deltas.length < 10) throw new Error(`page: only ${r.deltas.length} frames recorded`)
  return {
    p95: round(percentile(r.deltas, 0.95)), workP95: round(percentile(r.work, 0.95)),
    max: round(Math.max(...r.deltas)), count: r.deltas.length, virtualS: round(r.virtualMs / 1000), phase: r.phase,
    workQuantiles: [0.5, 0.75, 0.9, 0.95, 0.99].map(q => round(percentile(r.work, q))).join(' '),
  }
}

// Scrolls the page so that the timeline's top is at the viewport's top, again whenever it or anything before it
// changes size. ResizeObserver callbacks run after layout: reading the timeline's position there forces none.
const KEEP_TIMELINE_IN_VIEW = `
    // The timeline is drawn once the editor has settled (at most 5 s after the first paint, after-first-paint.ts).
    for (let waited = 0; !document.querySelector('[data-testid=timeline]') && waited < 10000; waited += 100)
      await new Promise(r => setTimeout(r, 100))
    const timeline = document.querySelector('[data-testid=timeline]')
    if (!timeline) throw new Error('no timeline on the page 10 s after the editor was ready')
    const keepInView = () => window.scrollTo(0, timeline.getBoundingClientRect().top + window.scrollY)
    const keeper = new ResizeObserver(keepInView)
    keeper.observe(timeline)
    for (let el = timeline; el && el !== document.body; el = el.parentElement)
      for (let before = el.previousElementSibling; before; before = before.previousElementSibling) keeper.observe(before)
    keepInView()`

/**
 * n resources as multi-document YAML in 4 files (the lab has 4): 3/4 ConfigMaps and Services in 10 waves, 15 %
 * Deployments, 10 % Sync hook Jobs (busybox, sleep 5) spread over the waves.
 */
export function generatedFiles(n: number): string[] {
  const WAVES = 10
  const hooks = Math.round(n / 10)
  const deployments = Math.round(n * 0.15)
  const plain = n - hooks - deployments
  const wave = (i: number) => ({ 'argocd.argoproj.io/sync-wave': String(i % WAVES) })
  const configMaps: KubeObject[] = []
  const services: KubeObject[] = []
  for (let i = 0; i < plain; i++) {
    if (i % 3 === 0) {
      services.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, annotations: wave(i) },
        spec: { selector: { app: `web-${i % deployments}` }, ports: [{ port: 80, targetPort: 8080 }] } })
    } else {
      configMaps.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, annotations: wave(i) },
        data: { index: String(i), greeting: 'hello' } })
    }
  }
  const webs: KubeObject[] = []
  for (let i = 0; i < deployments; i++) {
    webs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `web-${i}`, annotations: wave(i) },
      spec: { replicas: 1, selector: { matchLabels: { app: `web-${i}` } },
        template: { metadata: { labels: { app: `web-${i}` } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }] } } } })
  }
  const jobs: KubeObject[] = []
  for (let i = 0; i < hooks; i++) {
    jobs.push({ apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: `hook-${i}`, annotations: { 'argocd.argoproj.io/hook': 'Sync',
        'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded', ...wave(i) } },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '5'] }] } } } })
  }
  const doc = (objects: KubeObject[]) => objects.map(o => stringify(o)).join('---\n')
  return [doc(jobs), doc(webs), doc(services), doc(configMaps)]
}

/** Builds dist/ when it is missing or older than what it is built from. */
function ensureBuilt(): void {
  const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0
  const sources = ['src', 'labs', 'index.html', 'vite.config.ts', 'package-lock.json']
  if (built > 0 && newest(sources) <= built) return
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    { encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) throw new Error(`page: vite build failed\n${r.stdout}\n${r.stderr}`)
}

function newest(paths: string[]): number {
  let max = 0
  for (const p of paths) {
    if (!existsSync(p)) continue
    const st = statSync(p)
    max = Math.max(max, st.mtimeMs)
    if (st.isDirectory()) max = Math.max(max, newest(readdirSync(p).map(e => join(p, e))))
  }
  return max
}

/** The chunks the entry loads before anything else: index-*.js and its static imports, transitively. */
function initialChunks(): Set<string> {
  const files = readdirSync(ASSETS).filter(f => f.endsWith('.js'))
  const names = new Set<string>()
  const queue = files.filter(f => f.startsWith('index-'))
  while (queue.length > 0) {
    const f = queue.shift()!
    const name = f.replace(/-[\w-]{8}\.js$/, '')
    if (names.has(name)) continue
    names.add(name)
    const text = readFileSync(join(ASSETS, f), 'utf8')
    for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"`()]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) queue.push(m[1]!)
  }
  return names
}

/** KB (1024 bytes) gzip -9 of each app chunk, by chunk name without its hash. */
function appChunksGzip(): Record<string, number> {
  const out: Record<string, number> = {}
  const chunks = readdirSync(ASSETS).filter(f => f.endsWith('.js') && !NOT_APP.test(f)).sort()
  if (!chunks.some(f => f.startsWith('index-'))) throw new Error(`page: no index-*.js in ${ASSETS}`)
  for (const f of chunks) {
    const name = f.replace(/-[\w-]{8}\.js$/, '')
    out[name] = (out[name] ?? 0) + gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length / 1024
  }
  return out
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 100))
  }
  throw new Error(`vite preview did not answer at ${url}`)
}

/** Stops vite preview and waits for it to exit (SIGKILL if it has not after 3 s). */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return
  const exited = new Promise<void>(resolve => server.once('exit', () => resolve()))
  server.kill()
  const timer = setTimeout(() => server.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(timer)
}

/** The play whose main-thread work p95 is the median of the plays'. */
function medianPlay(plays: FrameFigures[]): FrameFigures {
  if (plays.length === 0) throw new Error('page: no play recorded')
  return [...plays].sort((a, b) => a.workP95 - b.workP95)[Math.floor(plays.length / 2)]!
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}

function round(x: number): number {
  return Math.round(x * 10) / 10
}
