// One lab (one saved session) is edited in one browser tab at a time, so that two tabs never write over each other's
// work. The tab that holds the lease edits and saves; a tab opened while another holds it is read-only (the page
// says so and offers "Take over"), and becomes the editor when the other tab closes or when it takes over, after
// reading the other tab's latest work from storage.
//
// The lease is a Web Lock (navigator.locks): the browser grants it to one tab at a time, releases it when that tab
// closes or crashes, and lets another tab steal it. Where the browser has no Web Locks (a page served over plain
// http from another machine is not a secure context), a tab turns read-only as soon as another tab saves the same
// session (the `storage` event), which is as far as storage alone can tell.

export type LeaseState = 'waiting' | 'editing' | 'read-only'

/** The parts of the browser the lease uses (the page passes the real ones; tests pass their own). */
export interface LeaseEnv {
  locks?: Pick<LockManager, 'request'> | undefined
  /** Adds a listener for `storage` events of other tabs; returns its removal. */
  onStorage?: ((listener: (key: string | null) => void) => () => void) | undefined
}

export class TabLease {
  state: LeaseState = 'waiting'
  /** What edits under this lease (the page's current session for the lab); an older one may not save. */
  owner: unknown
  private listeners = new Set<(state: LeaseState) => void>()
  private release: (() => void) | undefined
  private stopStorage: (() => void) | undefined
  private disposed = false
  private generation = 0

  /** `key` names the saved session (the lock's name is made from it). */
  constructor(readonly key: string, private env: LeaseEnv) {}

  get editing(): boolean {
    return this.state === 'editing'
  }

  subscribe(listener: (state: LeaseState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Asks for the lease: granted at once when no other tab holds it, else read-only until it is free or taken. */
  start(): void {
    if (!this.env.locks) {
      this.watchStorage()
      this.set('editing')
      return
    }
    this.ask({ ifAvailable: true }, ++this.generation)
  }

  /** "Take over": this tab edits from now on; the tab that edited turns read-only (and waits to edit again). */
  takeOver(): void {
    if (!this.env.locks) return this.set('editing')
    this.ask({ steal: true }, ++this.generation)
  }

  dispose(): void {
    this.disposed = true
    this.generation++
    this.release?.()
    this.stopStorage?.()
    this.listeners.clear()
  }

  private get lockName(): string {
    return `${this.key}:editor`
  }

  /**
   * Requests the lock. Not available (ifAvailable): read-only, and queued for it. Granted: held until disposed.
   * Stolen by another tab's take-over: the request fails, the tab turns read-only and queues again.
   */
  private ask(options: LockOptions, generation: number): void {
    void this.env.locks!.request(this.lockName, options, lock => {
      if (!lock) {
        this.set('read-only')
        this.ask({}, generation)
        return undefined
      }
      return this.hold(generation)
    }).catch(() => {
      if (this.disposed || generation !== this.generation) return
      this.set('read-only')
      this.ask({}, generation)
    })
  }

  private hold(generation: number): Promise<void> {
    if (this.disposed || generation !== this.generation) return Promise.resolve()
    this.set('editing')
    return new Promise<void>(resolve => {
      this.release = resolve
    })
  }

  private watchStorage(): void {
    this.stopStorage = this.env.onStorage?.(key => {
      if (key === this.key && this.state === 'editing') this.set('read-only')
    })
  }

  private set(state: LeaseState): void {
    if (this.disposed || this.state === state) return
    this.state = state
    for (const l of [...this.listeners]) l(state)
  }
}
