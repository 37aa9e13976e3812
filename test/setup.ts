// Before any test file: the manifest reader's Kubernetes types, which the CLI also loads before it reads.
import { loadReaderTypes } from '../src/manifest/index.ts'

await loadReaderTypes()
