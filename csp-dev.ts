// The Content-Security-Policy of index.html holds for the built page. Vite's dev server (with React Fast Refresh)
// adds an inline script to the page, which that policy refuses: the dev server serves the page without it.
import type { Plugin } from 'vite'

export function cspOffInDev(): Plugin {
  return {
    name: 'synclab-csp-off-in-dev',
    apply: 'serve',
    transformIndexHtml: html => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  }
}
