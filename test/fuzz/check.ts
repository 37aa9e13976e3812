// One fuzz case through synclab: the reader (never throws, positions inside the text), then a full sync on a
// fresh simulated cluster. A crash is an exception out of the reader or the engine, or an operation that ended in
// Error on input the reader accepted (the engine turned an exception of its own into Error: still a bug).
// Objects handed to the engine directly (bypassing the reader) may end in Error, never throw.
import { hasErrors, parseManifests } from '../../src/manifest/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import type { FuzzCase } from './cases.ts'

export type Verdict = { ok: true; synced: boolean } | { ok: false; what: string }

const REVISION = 'abcdef0123456789abcdef0123456789abcdef01'
/** Virtual time an operation may take before the case gives up waiting (a LoadBalancer can block forever, R16). */
const OPERATION_LIMIT_MS = 15 * 60_000

export async function runCase(c: FuzzCase): Promise<Verdict> {
  let objects: unknown[]
  if (c.mode === 'text') {
    const lines = c.text.split(/\r\n|\r|\n/).length
    const read = parseManifests([{ path: 'fuzz.yaml', text: c.text }])
    const bad = read.diagnostics.find(d => !(d.line >= 1 && d.col >= 1 && d.line <= lines + 1 && d.endLine >= d.line))
    if (bad) return { ok: false, what: `reader: diagnostic outside the text: ${JSON.stringify(bad)}` }
    if (hasErrors(read.diagnostics)) return { ok: true, synced: false }
    objects = read.manifests.map(m => m.object)
  } else objects = c.objects
  const sim = new Simulation({ seed: 1 })
  const app = await sim.createApp('fuzz', 'default')
  app.setRevision({ revision: REVISION, manifests: objects as KubeObject[] })
  app.sync({})
  await sim.runOperation(app, OPERATION_LIMIT_MS)
  await sim.advance(30_000)
  const result = app.currentOperation!.result()
  if (c.mode === 'text' && result.phase === 'Error') return { ok: false, what: `engine: operation Error: ${result.message}` }
  if (c.mode === 'text' && app.faults.length > 0) return { ok: false, what: `engine: fault: ${app.faults[0]}` }
  if (!Number.isFinite(sim.fake.now())) return { ok: false, what: 'engine: the clock left finite time' }
  return { ok: true, synced: true }
}
