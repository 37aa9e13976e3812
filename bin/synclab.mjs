#!/usr/bin/env node
// The synclab CLI. TypeScript sources run through tsx, so `npx synclab` works right after `npm install`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
