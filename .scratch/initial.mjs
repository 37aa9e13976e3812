import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
const A = 'dist/assets'
const files = readdirSync(A).filter(f => f.endsWith('.js'))
const seen = new Set(); const q = files.filter(f => f.startsWith('index-'))
while (q.length) { const f = q.shift(); if (seen.has(f)) continue; seen.add(f)
  const t = readFileSync(`${A}/${f}`, 'utf8')
  for (const m of t.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"`()]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) q.push(m[1]) }
for (const f of seen) console.log(f, (gzipSync(readFileSync(`${A}/${f}`), { level: 9 }).length / 1024).toFixed(1))
