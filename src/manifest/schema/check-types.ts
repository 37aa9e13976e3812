// The reader's checks that need data or code the page does not load with its first render (its entry chunk has a
// size budget): field types against Kubernetes' own types, as kubectl's schema validation does it
// (type-checker.ts, reader-types.json), nesting depth and Pod counts (limits.ts). They are loaded once with
// loadReaderTypes(): the CLI and the tests load them before reading; the page loads them after it first renders
// and reads its files again then. Until then they find nothing (the engine has guards of its own).

export type FieldPath = Array<string | number>

export interface TypeIssue {
  path: FieldPath
  message: string
}

/** The lazily loaded checks. */
export type LoadedChecks = typeof import('./type-checker.ts')
let loaded: LoadedChecks | undefined

/** Loads the reader's Kubernetes types and checks (a separate chunk in the page); at once when loaded. */
export async function loadReaderTypes(): Promise<void> {
  loaded ??= await import('./type-checker.ts')
}

/** Whether wrong types are checked yet (always, once loadReaderTypes resolved). */
export function readerTypesLoaded(): boolean {
  return loaded !== undefined
}

/** The loaded checks, or undefined before loadReaderTypes resolved. */
export function loadedChecks(): LoadedChecks | undefined {
  return loaded
}

/**
 * Every field of `obj` whose type differs from Kubernetes' type for it. Fields unknown to the types, and null
 * values (Kubernetes reads null as unset), are not type errors. `skip` leaves out paths another check words.
 */
export function checkTypes(obj: Record<string, unknown>, skip: (path: FieldPath) => boolean = skipNone): TypeIssue[] {
  return loaded ? loaded.checkObjectTypes(obj, skip) : []
}

function skipNone(): boolean {
  return false
}
