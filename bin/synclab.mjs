#!/usr/bin/env node
// The synclab CLI. The installed package runs the compiled JavaScript in build/ (`npm run build:cli`, run by
// `npm pack`): Node alone, no TypeScript at run time. A checkout of the repository runs the TypeScript sources
// through tsx instead, so that an edit takes effect at once; SYNCLAB_BUILT=1 makes it run build/ too (the tests
// and `npm run bench` do, to run what users run).
import { existsSync } from 'node:fs'

const built = new URL('../build/synclab.js', import.meta.url)
const sources = new URL('../src/cli/main.ts', import.meta.url)
const fromSources = existsSync(sources) && process.env.SYNCLAB_BUILT !== '1'
let main
if (fromSources) {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import(sources.href))
} else {
  if (!existsSync(built)) {
    console.error('synclab: build/synclab.js is missing; run `npm run build:cli` first')
    process.exit(2)
  }
  ;({ main } = await import(built.href))
}
process.exitCode = await main(process.argv.slice(2))
