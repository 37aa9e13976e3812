// Whether a container's run read anything that differs between Pods (or starts) of the same container spec: the
// virtual time, the hostname (HOSTNAME, /etc/hostname, /etc/hosts) or the network (DNS answers, unreachable
// hosts). A run that read none of it is the same for every Pod of that spec, so it is reused (index.ts).

/** The files whose text holds the Pod's hostname (machine.ts writes them). */
export const HOSTNAME_FILES: ReadonlySet<string> = new Set(['/etc/hostname', '/etc/hosts'])

/**
 * The process environment, noting when a value that may hold the hostname is read: HOSTNAME itself, or every
 * value at once (a copy, a listing). Names alone (keys, has, size) are the same for every Pod of the spec.
 */
/**
 * A map of a container's environment or files that notes a read that could have seen the hostname: `get` of a key
 * `holdsHostname` names, or any listing of every value at once.
 */
export abstract class ReadNotingMap extends Map<string, string> {
  hostnameRead = false

  /** Whether the value under `key` holds the hostname. */
  protected abstract holdsHostname(key: string): boolean

  override get(key: string): string | undefined {
    if (this.holdsHostname(key)) this.hostnameRead = true
    return super.get(key)
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

/** The container's environment: HOSTNAME holds the hostname. */
export class ContextEnv extends ReadNotingMap {
  protected holdsHostname(name: string): boolean {
    return name === 'HOSTNAME'
  }
}
