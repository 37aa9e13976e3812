// lab.yaml's JSON Schema, checked with ajv (Node: the loader and the CLI; the page opens only shipped labs).
import { Ajv } from 'ajv'
import schema from '../../schema/lab.schema.json' with { type: 'json' }
import type { SchemaValidator } from './parse.ts'

let compiled: ReturnType<Ajv['compile']> | undefined

export const validateLabSchema: SchemaValidator = value => {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(schema)
  return compiled(value) ? [] : [...(compiled.errors ?? [])]
}
