// A React root in a fresh element of jsdom's document for each test of a file, unmounted and removed after it.
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface ReactHost {
  /** The element React renders into. */
  readonly host: HTMLElement
  readonly root: Root
}

/** Call at a test file's top level: the returned object holds the current test's host and root. */
export function reactHost(): ReactHost {
  const current = {} as { host: HTMLElement; root: Root }
  beforeEach(() => {
    current.host = document.createElement('div')
    document.body.append(current.host)
    current.root = createRoot(current.host)
  })
  afterEach(() => {
    act(() => current.root.unmount())
    current.host.remove()
  })
  return current
}
