// Where the editor's hover, completion and other overflowing widgets go: a box of their own at the end of the page.
// The editor's panel is skipped while it is scrolled far out of view (content-visibility, styles.css), and that
// containment would make the panel the box of Monaco's fixed widgets and clip them at its edges. The box carries
// Monaco's own class, under which its widgets' styles and the theme's colours are written.

/** A new box at the end of the page for one (diff) editor's overflowing widgets; `remove` takes it away with it. */
export function overflowWidgetsHost(): { node: HTMLElement; remove: () => void } {
  const node = document.createElement('div')
  node.className = 'monaco-editor synclab-overflow-widgets'
  document.body.append(node)
  return { node, remove: () => node.remove() }
}
