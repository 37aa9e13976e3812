// Prints the gzip size of the app JavaScript that loads with the page (the entry chunk and its static imports),
// as `npm run bench` counts it (bench/page.ts), from an existing dist/: a quick check while working.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const ASSETS = 'dist/assets'
const NOT_APP = /^(monaco|monaco-yaml|monaco-setup|editor\.worker|yaml\.worker|lab-content)-[\w-]+\.js$/
const files = readdirSync(ASSETS).filter(f => f.endsWith('.js'))
const seen = new Set()
const queue = files.filter(f => f.startsWith('index-'))
const sizes = []
while (queue.length > 0) {
  const f = queue.shift()
  if (seen.has(f)) continue
  seen.add(f)
  const text = readFileSync(join(ASSETS, f), 'utf8')
  if (!NOT_APP.test(f)) sizes.push([f, gzipSync(text, { level: 9 }).length / 1024])
  for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"`()]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) queue.push(m[1])
}
for (const [f, kb] of sizes.sort((a, b) => b[1] - a[1])) console.log(`${kb.toFixed(1).padStart(7)} KB  ${f}`)
const total = sizes.reduce((a, [, kb]) => a + kb, 0)
console.log(`${total.toFixed(1).padStart(7)} KB  app JavaScript that loads with the page (goal <= 200 KB)`)
