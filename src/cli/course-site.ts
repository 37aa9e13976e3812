// The static site of a course: the prebuilt page (the same build as `npm run build`) copied as it is, with the
// course's labs written beside it in labs.json, which the page reads at start (src/ui/labs/course.ts). Copying a
// prebuilt page works from the installed package (no Vite, no sources there); the service worker's precache list
// gets labs.json's and index.html's new revisions, so the course works offline after the first visit, as the page does.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COURSE_FILE, type CourseFile } from '../labs/course-file.ts'
import { packageRoot } from './package-root.ts'

export interface PageTemplate {
  dir: string
  /** Where it came from, for the author. */
  note: string
}

const isPage = (dir: string): boolean => ['index.html', 'sw.js', COURSE_FILE].every(f => existsSync(join(dir, f)))

/**
 * The built page to copy: build/page/ in the installed package (`npm pack` builds it); in a checkout of synclab
 * (its sources beside it), dist/ (`npm run build`), built here first when it is missing.
 */
export function findPageTemplate(root = packageRoot()): PageTemplate {
  const packaged = join(root, 'build', 'page')
  const checkout = existsSync(join(root, 'src', 'page.ts'))
  if (!checkout && isPage(packaged)) return { dir: packaged, note: `the page built into the package (${packaged})` }
  const dist = join(root, 'dist')
  if (isPage(dist)) return { dir: dist, note: `the page in ${dist} (npm run build refreshes it)` }
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (!checkout || !existsSync(vite)) throw new Error(`no built page in ${packaged} or ${dist}, and no Vite to build one`)
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0 || !isPage(dist)) throw new Error(`building the page in ${dist} failed`)
  return { dir: dist, note: `the page just built in ${dist}` }
}

const revision = (text: string | Buffer): string => createHash('md5').update(text).digest('hex')

/** The service worker's precache entry for `url` with a new revision (Workbox lists `{url:"…",revision:"…"}`). */
export function withRevision(sw: string, url: string, text: string): string {
  const entry = new RegExp(`(["']?url["']?\\s*:\\s*["']${url.replace(/\./g, '\\.')}["']\\s*,\\s*["']?revision["']?\\s*:\\s*["'])[0-9a-f]*(["'])`)
  if (!entry.test(sw)) throw new Error(`the page's service worker (sw.js) does not precache ${url}`)
  return sw.replace(entry, `$1${revision(text)}$2`)
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A folder `out` may be written to: missing, empty, or a site this command wrote before (replaced). */
function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!isPage(out)) throw new Error(`${out}: the folder is not empty and holds no synclab site; name an empty or new folder`)
    rmSync(out, { recursive: true, force: true })
  }
  mkdirSync(out, { recursive: true })
}

/** Writes the site: the page, labs.json, the title in index.html, and their revisions in sw.js. */
export function writeSite(template: string, out: string, course: CourseFile): void {
  prepareOut(out)
  cpSync(template, out, { recursive: true })
  const labsJson = `${JSON.stringify(course)}\n`
  writeFileSync(join(out, COURSE_FILE), labsJson)
  let index = readFileSync(join(out, 'index.html'), 'utf8')
  if (course.title !== undefined) index = index.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(course.title)}</title>`)
  writeFileSync(join(out, 'index.html'), index)
  let sw = readFileSync(join(out, 'sw.js'), 'utf8')
  sw = withRevision(withRevision(sw, COURSE_FILE, labsJson), 'index.html', index)
  writeFileSync(join(out, 'sw.js'), sw)
}
