// The fuzzer's worker process: runs the cases it is sent, one at a time, and answers each. The parent times each
// case out, so a case that never returns (a hang) is seen and the worker replaced.
import { loadReaderTypes } from '../../src/manifest/index.ts'
import { runCase } from './check.ts'
import type { FuzzCase } from './cases.ts'

await loadReaderTypes() // as the CLI does: the reader checks Kubernetes' types

process.on('message', (msg: { id: number; case: FuzzCase }) => {
  void (async () => {
    try {
      const verdict = await runCase(msg.case)
      process.send!({ id: msg.id, verdict })
    } catch (e) {
      process.send!({ id: msg.id, verdict: { ok: false, what: `threw: ${(e as Error)?.stack ?? String(e)}` } })
    }
  })()
})
process.send!({ ready: true })
