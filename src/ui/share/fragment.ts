// Whether an address's fragment carries shared work: the page asks on every load, so this stays apart from the
// link's encoding and decoding (link.ts, receive.ts), which load only when a link is made or opened.

/** Whether a fragment carries shared work at all (before decoding it). */
export function hasShare(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('s')
}
