import { readFileSync, readdirSync } from 'node:fs'
import { SourceMapConsumer } from 'source-map-js'
const dir = '/tmp/smbuild/assets'
const totals = new Map()
for (const f of readdirSync(dir).filter(f => /^(index|app-status|images|jsx-runtime)-.*\.js$/.test(f))) {
  const code = readFileSync(`${dir}/${f}`, 'utf8').split('\n')
  const map = new SourceMapConsumer(JSON.parse(readFileSync(`${dir}/${f}.map`, 'utf8')))
  const ms = []
  map.eachMapping(m => ms.push(m))
  ms.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn)
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i], n = ms[i + 1]
    const end = n && n.generatedLine === m.generatedLine ? n.generatedColumn : code[m.generatedLine - 1].length
    let src = m.source ?? '?'
    src = src.replace(/.*node_modules\/(@[^/]+\/[^/]+|[^/]+).*/, 'npm:$1').replace(/.*\/src\//, 'src/')
    const key = src.startsWith('npm:') ? src : src
    totals.set(key, (totals.get(key) ?? 0) + (end - m.generatedColumn))
  }
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40)
for (const [k, v] of rows) console.log((v / 1024).toFixed(1).padStart(7), k)
