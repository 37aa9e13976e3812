// The page's keyboard order seen from an element: what Tab (or F6) reaches after it or before it. Used to leave
// the editor by F6 as in VS Code, wherever the editor sits in the page.
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/** Focuses the first focusable element after `from` (direction 1) or the last one before it (-1), outside it. */
export function focusBeside(from: Element, direction: 1 | -1): boolean {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)]
    .filter(el => !from.contains(el) && el.getClientRects().length > 0)
  const after = (el: Element) => (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
  const target = direction === 1 ? all.find(after) : all.filter(el => !after(el)).at(-1)
  target?.focus()
  return target !== undefined
}
