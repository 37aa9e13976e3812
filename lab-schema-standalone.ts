// lab.yaml's schema check for the page ("Open lab…"): the page's Content-Security-Policy allows no eval, so ajv
// cannot compile the schema there. This plugin compiles schema/lab.schema.json with ajv, with the options the CLI
// uses (src/labs/schema-validator.ts), into plain JavaScript at build time (ajv's standalone code): one schema, one
// compiler, the same errors in the page as in `synclab lab check`.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import standalone from 'ajv/dist/standalone/index.js'
import type { Plugin } from 'vite'

const ID = 'virtual:lab-schema-validator'
const RESOLVED = `\0${ID}`

export function labSchemaStandalone(schemaFile: string): Plugin {
  return {
    name: 'synclab-lab-schema-standalone',
    resolveId: id => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined
      this.addWatchFile(schemaFile)
      const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true, esm: true } })
      const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
      const toCode = (standalone as unknown as { default?: typeof standalone }).default ?? standalone
      // Its one runtime helper (string length in code points) is CommonJS: written inline instead.
      return toCode(ajv, validate).replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, '((s) => [...s].length)')
    },
  }
}
