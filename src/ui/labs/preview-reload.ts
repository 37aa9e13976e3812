// Under `synclab lab preview`: the server says when the lab's files change (server-sent events), and the page
// reloads with them.
export function reloadOnChange(): void {
  const changes = new EventSource('__synclab/changes')
  changes.addEventListener('change', () => window.location.reload())
}
