// Where synclab's own files are (schema/, labs/, the prebuilt page), from the sources (src/cli/) as from the
// compiled package (build/, build/chunks/): the nearest folder above this module with synclab's package.json.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

export function packageRoot(): string {
  if (root !== undefined) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'synclab') {
      root = dir
      return dir
    }
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find synclab\'s package folder')
    dir = up
  }
}
