// touch and rm: the file changes an exec probe looks for (the Kubernetes docs' liveness example touches
// /tmp/healthy, then removes it). Paths are taken as written; options other than -f are accepted and ignored.

import type { Proc } from '../machine.ts'

function operands(argv: string[]): { force: boolean; paths: string[] } {
  const paths: string[] = []
  let force = false
  let options = true
  for (const a of argv.slice(1)) {
    if (options && a === '--') options = false
    else if (options && a.startsWith('-') && a !== '-') force ||= a.includes('f')
    else paths.push(a)
  }
  return { force, paths }
}

export function touch(argv: string[], p: Proc): number {
  for (const path of operands(argv).paths) if (!p.m.files.has(path)) p.m.files.set(path, '')
  return 0
}

export function rm(argv: string[], p: Proc): number {
  const { force, paths } = operands(argv)
  let status = 0
  for (const path of paths) {
    if (p.m.files.delete(path) || force) continue
    p.io.err(p.m.image.userland === 'busybox'
      ? `rm: can't remove '${path}': No such file or directory\n`
      : `rm: cannot remove '${path}': No such file or directory\n`)
    status = 1
  }
  return status
}
