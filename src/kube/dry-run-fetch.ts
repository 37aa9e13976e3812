// A fetch whose writes are all the API server's own dry run (?dryRun=All): reads are real, nothing changes. What
// a cleanup would delete is asked this way (the CLI's preview and the page's), so the list is the server's answer.
export function serverDryRunFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = (init?.method ?? 'GET').toUpperCase()
    if (method === 'GET') return inner(url, init)
    return inner(`${url}${url.includes('?') ? '&' : '?'}dryRun=All`, init)
  }
}
