// lab-schema-standalone.ts (a Vite plugin) compiles schema/lab.schema.json into this module at build time.
declare module 'virtual:lab-schema-validator' {
  import type { ErrorObject } from 'ajv'
  const validate: ((value: unknown) => boolean) & { errors?: ErrorObject[] | null }
  export default validate
}
