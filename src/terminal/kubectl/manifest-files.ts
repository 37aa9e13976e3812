// The objects of a repository path given to `-f` (a file or a folder), or kubectl's error for a missing path or bad
// YAML.
import type { KubeObject } from '../../cluster/objects.ts'
import { parseManifests } from '../../manifest/index.ts'
import type { KubectlCall } from './call.ts'

export function readRepo(k: KubectlCall, path: string): { objects: KubeObject[]; files: string[] } | { error: string } {
  const clean = path.replace(/^\.?\/+/, '').replace(/\/+$/, '')
  const files = k.ctx.repoFiles(clean)
  if (!files || files.length === 0) return { error: `error: the path "${path}" does not exist` }
  const read = parseManifests(files)
  const err = read.diagnostics.find(d => d.severity === 'error')
  if (err) return { error: `error: error parsing ${err.file}: error converting YAML to JSON: yaml: line ${err.line}: ${err.message}` }
  return { objects: read.manifests.map(m => m.object), files: read.manifests.map(m => m.source.file) }
}
