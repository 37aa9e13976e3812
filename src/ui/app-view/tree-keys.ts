// Keyboard use of a WAI-ARIA tree (all nodes shown expanded): one node is in the Tab order (roving tabindex);
// Up/Down go to the previous/next node, Home/End to the first/last, Left to the parent, Right to the first child.
import type { KeyboardEvent } from 'react'

const ITEM = '[role=treeitem]'

export function onTreeKeyDown(e: KeyboardEvent<HTMLElement>, focusItem: (id: string) => void): void {
  const current = (e.target as HTMLElement).closest<HTMLElement>(ITEM)
  if (!current) return
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(ITEM)]
  const at = items.indexOf(current)
  const next = (() => {
    switch (e.key) {
      case 'ArrowDown': return items[at + 1]
      case 'ArrowUp': return items[at - 1]
      case 'Home': return items[0]
      case 'End': return items.at(-1)
      case 'ArrowLeft': return current.parentElement?.closest<HTMLElement>(ITEM) ?? undefined
      case 'ArrowRight': return current.querySelector<HTMLElement>(ITEM) ?? undefined
      default: return undefined
    }
  })()
  if (!next) return
  e.preventDefault()
  const id = next.dataset.id
  if (id) focusItem(id)
  next.focus()
}
