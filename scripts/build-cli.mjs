// `npm run build:cli` (and `prepack`): compiles the CLI and the library to plain JavaScript in build/, so that the
// packed package runs on Node alone, with no TypeScript, tsx or dependency installed at run time. esbuild bundles the
// engine and its few dependencies (yaml, xstate, ajv, shell-quote) into ES modules; code splitting keeps `serve` and
// `--cluster` in chunks of their own, loaded only by the commands that use them. The library's types come from tsc.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}build`

rmSync(out, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints: { synclab: 'src/cli/main.ts', index: 'src/lib/index.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // yaml and ajv are CommonJS and require() node built-ins; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __synclabRequire } from 'node:module'; const require = __synclabRequire(import.meta.url);" },
  logLevel: 'warning',
})
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.lib.json`], { stdio: 'inherit' })
