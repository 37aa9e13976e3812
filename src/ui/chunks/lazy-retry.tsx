// A lazily loaded part of the page whose chunk cannot load (the network dropped, the host is down) must never blank
// the page: ChunkBoundary shows a clear message with Retry in its place, and lazyRetry makes Retry load it anew.
// React.lazy keeps a rejected load for good, so Retry gives every part whose load failed a fresh lazy component (the
// browser does not keep a failed dynamic import either: importing the URL again fetches it again). Only Retry does:
// React renders a failed part again at once on its own, and a fresh load then would loop while the network is down.
import { Component, createElement, lazy } from 'react'
import type { ComponentProps, ComponentType, LazyExoticComponent, ReactNode } from 'react'

const TRIES = 3
const PAUSE_MS = 400

/** Runs `load` up to TRIES times, pausing longer each time: a blip in the network does not show an error. */
async function retrying<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load()
    } catch (e) {
      if (attempt >= TRIES) throw e
      await new Promise(resolve => setTimeout(resolve, PAUSE_MS * attempt))
    }
  }
}

/** The failed parts' resets, run by Retry. */
const failedResets = new Set<() => void>()

function resetFailed(): void {
  for (const reset of [...failedResets]) reset()
  failedResets.clear()
}

/** Like React.lazy, but once its load has failed, ChunkBoundary's Retry makes it load again. */
// ComponentType<any>: with <P> and ComponentType<P>, tsc 7 infers never for the props (docs/tooling.md).
export function lazyRetry<T extends ComponentType<any>>(load: () => Promise<{ default: T }>): ComponentType<ComponentProps<T>> {
  const make = (): LazyExoticComponent<T> => lazy(() => retrying(load).catch((e: unknown) => {
    failedResets.add(reset)
    throw e
  }))
  let current = make()
  function reset() { current = make() }
  function Retrying(props: ComponentProps<T>) {
    return createElement(current, props)
  }
  return Retrying
}

/** A load that, once failed, is tried again on the next call rather than failing for good. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    if (loading) return loading
    const p = retrying(load)
    loading = p
    p.catch(() => { if (loading === p) loading = undefined })
    return p
  }
}

interface BoundaryProps { what: string; children: ReactNode; className?: string }

/** Its children, or, when one of them failed to load or render, a message naming `what` with a Retry button. */
export class ChunkBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown): void {
    console.warn(`synclab: could not load ${this.props.what}`, error)
  }

  private readonly retry = () => {
    resetFailed()
    this.setState({ error: null })
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children
    return (
      <div className={`chunk-error ${this.props.className ?? ''}`} role="alert" data-testid="chunk-error">
        Could not load {this.props.what}{navigator.onLine ? '' : ' (you are offline)'}.{' '}
        <button type="button" data-testid="chunk-retry" onClick={this.retry}>Retry</button>
      </div>
    )
  }
}

/**
 * Vite's preload helper fires `vite:preloadError` when a chunk's dependencies (its CSS, modules it preloads) fail.
 * Left unprevented, the import rejects and the nearest ChunkBoundary shows Retry; a chunk is never run without its
 * CSS. The warning names the file that failed.
 */
export function watchPreloadErrors(): void {
  window.addEventListener('vite:preloadError', event => {
    const payload = (event as Event & { payload?: unknown }).payload
    console.warn('synclab: a part of the page could not load;', payload instanceof Error ? payload.message : payload)
  })
}
