// synclab as a library: `import { simulate } from 'synclab'`. The same engine and options as the CLI; `simulate`
// returns the document `synclab sync --json` prints (schema/sync-output.schema.json).
export { ManifestError, OptionError, simulate, type ManifestInput, type SimulateInput } from './simulate.ts'
export type { Duration, SimulateOptions } from './options.ts'
export type { ClusterEntry, ComparisonDocument, SyncDocument } from './document.ts'
export type { WhatIfOutcome } from '../cluster/what-if.ts'
export type { Diagnostic } from '../manifest/index.ts'
