// What the kubelet hands the runtime: the argv (Kubernetes command/args over the image ENTRYPOINT/CMD,
// with `$(VAR)` references expanded) and the environment the process starts with.

import type { ImageEntry } from '../images.ts'
import { ContextEnv } from './context-use.ts'
import type { ContainerCommandSpec, RunContext } from './types.ts'

/** The variables of the `kubernetes` Service that every pod gets. */
const SERVICE_ENV: Array<[string, string]> = [
  ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
  ['KUBERNETES_SERVICE_PORT', '443'],
  ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
  ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
  ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
  ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
  ['KUBERNETES_PORT_443_TCP_PORT', '443'],
  ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
]

/** What `$(VAR)` can refer to in a container without env of its own (never written to). */
const SERVICE_REFS: ReadonlyMap<string, string> = new Map(SERVICE_ENV)

/**
 * Kubernetes' `$(VAR)` expansion in command, args and env values: a defined VAR is replaced, an undefined
 * one is left as written, and `$$` is an escaped `$`. Shell syntax like `$VAR` is not touched.
 */
export function expandKubernetesRefs(s: string, vars: ReadonlyMap<string, string>): string {
  if (!s.includes('$')) return s // most arguments hold no reference
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) =>
    (name === undefined ? '$' : vars.get(name) ?? all))
}

/**
 * The process environment: PATH, HOSTNAME, the image ENV, the container env, the service variables, HOME. It notes
 * when the hostname's value is read (context-use.ts).
 */
export function containerEnv(spec: ContainerCommandSpec, ctx: RunContext): ContextEnv {
  const image = ctx.image
  const base = imageEnv(image)
  if (!spec.env?.length) {
    // Nothing declared: the image's environment with this Pod's hostname (unless the image sets HOSTNAME itself).
    const env = copyOf(base.complete)
    if (!base.imageSetsHostname) env.set('HOSTNAME', ctx.hostname)
    return env
  }
  // Container env values may refer to earlier container env entries and the service variables.
  const declared: Array<[string, string]> = []
  const refs = new Map<string, string>(SERVICE_ENV)
  for (const e of spec.env) {
    const value = expandKubernetesRefs(e.value ?? '', refs)
    refs.set(e.name, value)
    declared.push([e.name, value])
  }
  const env = copyOf(base.head)
  if (!base.imageSetsHostname) env.set('HOSTNAME', ctx.hostname)
  for (const [k, v] of declared) env.set(k, v)
  for (const [k, v] of SERVICE_ENV) if (!env.has(k)) env.set(k, v)
  if (!env.has('HOME')) env.set('HOME', image.home)
  return env
}

/**
 * An image's part of every container's environment, built once per image: `head` is PATH, HOSTNAME (a placeholder
 * the container's hostname replaces, in its place) and the image ENV; `complete` adds the service variables and HOME,
 * for containers that declare no env of their own.
 */
interface ImageEnv {
  head: ReadonlyMap<string, string>
  complete: ReadonlyMap<string, string>
  imageSetsHostname: boolean
}
const imageEnvs = new WeakMap<ImageEntry, ImageEnv>()

/** A copy of a map, entry by entry (new Map(map) goes through the iterator protocol: an array per entry). */
function copyOf(map: ReadonlyMap<string, string>): ContextEnv {
  const copy = new ContextEnv()
  map.forEach(copyEntry, copy)
  return copy
}

function copyEntry(this: Map<string, string>, value: string, key: string): void {
  this.set(key, value)
}

function imageEnv(image: ImageEntry): ImageEnv {
  let known = imageEnvs.get(image)
  if (known) return known
  const head = new Map<string, string>()
  head.set('PATH', image.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
  head.set('HOSTNAME', '')
  for (const [k, v] of Object.entries(image.env)) head.set(k, v)
  const complete = new Map(head)
  for (const [k, v] of SERVICE_ENV) if (!complete.has(k)) complete.set(k, v)
  if (!complete.has('HOME')) complete.set('HOME', image.home)
  known = { head, complete, imageSetsHostname: Object.hasOwn(image.env, 'HOSTNAME') }
  imageEnvs.set(image, known)
  return known
}

/** command replaces ENTRYPOINT (and drops CMD); args replace CMD. */
export function resolveArgv(spec: ContainerCommandSpec, image: ImageEntry, env: ReadonlyMap<string, string>): string[] {
  const command = spec.command && spec.command.length > 0 ? spec.command : undefined
  const args = spec.args && spec.args.length > 0 ? spec.args : undefined
  const argv = command ? [...command, ...(args ?? [])] : [...image.entrypoint, ...(args ?? image.cmd)]
  let refs: ReadonlyMap<string, string> = SERVICE_REFS
  if (spec.env?.length) {
    const own = new Map<string, string>(SERVICE_ENV)
    for (const e of spec.env) own.set(e.name, env.get(e.name) ?? '')
    refs = own
  }
  return argv.map(a => expandKubernetesRefs(a, refs))
}
