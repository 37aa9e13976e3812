// Whether presenter mode is on, for a component that draws differently in it (presenter.ts).
import { useSyncExternalStore } from 'react'
import { presenterOn, watchPresenter } from './presenter.ts'

const subscribe = (onChange: () => void): (() => void) => watchPresenter(onChange)

export function usePresenter(): boolean {
  return useSyncExternalStore(subscribe, presenterOn, () => false)
}
