// The layout's rules on imports (README, "Layout"): the engine (src/manifest, src/cluster, src/sync) never imports
// a view, and the page (src/ui) and the terminal (src/terminal) never import each other: what both need lives in a
// DOM-free module (src/contract, src/cluster, src/manifest). Every source file is scanned, static and dynamic imports
// and re-exports alike, so a borrowed helper cannot come back unnoticed.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SRC = join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

/** Every module a file names in `import … from`, `export … from`, `import '…'` and `import('…')`. */
export function importsOf(text: string): string[] {
  const found: string[] = []
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!)
  return found
}

/** The top folder under src/ a file or a relative import lands in (`ui`, `terminal`, …), or undefined. */
function area(file: string): string | undefined {
  const rel = relative(SRC, file)
  return rel.startsWith('..') ? undefined : rel.split(/[\\/]/)[0]
}

interface Crossing { file: string; imports: string }

function crossings(from: (a: string) => boolean, to: (a: string) => boolean): Crossing[] {
  const bad: Crossing[] = []
  for (const file of sourceFiles(SRC)) {
    const own = area(file)
    if (own === undefined || !from(own)) continue
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue
      const target = area(resolve(dirname(file), spec))
      if (target !== undefined && to(target)) bad.push({ file: relative(ROOT, file), imports: spec })
    }
  }
  return bad
}

describe('import rules', () => {
  it('finds static, dynamic, side-effect and re-export imports', () => {
    expect(importsOf(`import a from './a.ts'\nimport type { B } from "../b.ts"\nexport { c } from './c.ts'\n` +
      `import './d.css'\nconst e = () => import('./e.ts')`)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.css', './e.ts'])
  })

  it('src/terminal never imports src/ui', () => {
    expect(crossings(a => a === 'terminal', a => a === 'ui')).toEqual([])
  })

  it('src/ui never imports src/terminal (the page entry, src/page.ts, hands the interpreter in)', () => {
    expect(crossings(a => a === 'ui', a => a === 'terminal')).toEqual([])
  })

  it('the engine (src/manifest, src/cluster, src/sync) and the contract import no view', () => {
    expect(crossings(a => ['manifest', 'cluster', 'sync', 'contract'].includes(a),
      a => ['ui', 'terminal', 'cli'].includes(a))).toEqual([])
  })
})
