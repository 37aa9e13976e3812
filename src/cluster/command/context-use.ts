// Whether a container's run read anything that differs between Pods (or starts) of the same container spec: the
// virtual time, the hostname (HOSTNAME, /etc/hostname, /etc/hosts) or the network (DNS answers, unreachable
// hosts). A run that read none of it is the same for every Pod of that spec, so it is reused (index.ts).

/** The files whose text holds the Pod's hostname (machine.ts writes them). */
export const HOSTNAME_FILES: ReadonlySet<string> = new Set(['/etc/hostname', '/etc/hosts'])

/**
 * The process environment, noting when a value that may hold the hostname is read: HOSTNAME itself, or every
 * value at once (a copy, a listing). Names alone (keys, has, size) are the same for every Pod of the spec.
 */
export class ContextEnv extends Map<string, string> {
  hostnameRead = false

  override get(name: string): string | undefined {
    if (name === 'HOSTNAME') this.hostnameRead = true
    return super.get(name)
  }

  override forEach(fn: (value: string, key: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    this.hostnameRead = true
    super.forEach(fn, thisArg)
  }

  override entries(): MapIterator<[string, string]> {
    this.hostnameRead = true
    return super.entries()
  }

  override values(): MapIterator<string> {
    this.hostnameRead = true
    return super.values()
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    this.hostnameRead = true
    return super.entries()
  }
}
