// The test file's JSON Schema (schema/test.schema.json), checked with ajv. It takes its steps and expectations from
// lab.schema.json, so a test file speaks exactly the language of lab files.
import { Ajv } from 'ajv'
import labSchema from '../../schema/lab.schema.json' with { type: 'json' }
import testSchema from '../../schema/test.schema.json' with { type: 'json' }
import type { SchemaValidator } from './parse.ts'

let compiled: ReturnType<Ajv['compile']> | undefined

export const validateTestSchema: SchemaValidator = value => {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).addSchema(labSchema).compile(testSchema)
  return compiled(value) ? [] : [...(compiled.errors ?? [])]
}
