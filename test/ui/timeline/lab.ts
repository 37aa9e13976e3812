// Runs the seed lab example (labs/01-resource-hooks/repo/pre-post-sync-hook) on a real simulation and records
// what the timeline and the event panels read: the application's event stream and the Pod histories.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { KubeObject } from '../../../src/cluster/objects.ts'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { parseManifests } from '../../../src/manifest/index.ts'
import { Simulation } from '../../../src/sync/simulation.ts'
import { recordPodHistory } from '../../../src/ui/timeline/pod-history.ts'

// From the path of this file, not a URL object: under jsdom (table-details.test.ts) URL is jsdom's own.
export const LAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../labs/01-resource-hooks/repo/pre-post-sync-hook')

export function labManifests(): KubeObject[] {
  const { manifests, diagnostics } = parseManifests(readManifestFiles([LAB_DIR]))
  if (diagnostics.some(d => d.severity === 'error')) throw new Error('lab manifests do not parse')
  return manifests.map(m => m.object)
}

/** Syncs `manifests` (the seed lab by default) `syncs` times, then lets the cluster run on for `settleMs`. */
export async function runLab(opts: { manifests?: KubeObject[]; syncs?: number; settleMs?: number; seed?: string } = {}) {
  const sim = new Simulation({ seed: opts.seed ?? 'timeline-tests' })
  const pods = recordPodHistory(sim.fake)
  const app = await sim.createApp('app', 'default')
  app.setRevision({ revision: '1111111111111111111111111111111111111111', manifests: opts.manifests ?? labManifests() })
  const ends: number[] = []
  for (let i = 0; i < (opts.syncs ?? 1); i++) {
    if (i > 0) await sim.advance(5000) // let the deleted hooks go before syncing again
    app.sync()
    await sim.runOperation(app)
    ends.push(sim.fake.now())
  }
  await sim.advance(opts.settleMs ?? 5000)
  return { sim, app, pods, events: app.events, histories: pods.histories(), now: sim.fake.now(), ends }
}
