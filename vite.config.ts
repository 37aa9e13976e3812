/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { cspOffInDev } from './csp-dev.ts'
import { labSchemaStandalone } from './lab-schema-standalone.ts'
import { labsPrebuilt } from './labs-prebuilt.ts'

// monaco-editor >= 0.56 has an "exports" map, so the deep import 'monaco-editor/esm/vs/editor/editor.worker.js'
// made by monaco-worker-manager (a monaco-yaml dependency) no longer resolves. Point it at the real file.
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/', import.meta.url))

// `/k8s/...` -> a local `kubectl proxy` (the page's KubeCluster talks to a real cluster same-origin: the proxy adds
// no CORS headers). Start it with `kubectl proxy --port=8001`; docs/tooling.md §5, Fix A. SYNCLAB_K8S_PROXY points
// it elsewhere (the end-to-end tests aim it at a `synclab serve`). Like kubectl proxy, it rewrites Host to the
// target's and adds X-Forwarded-For (xfwd): `synclab serve` answers a page's Origin only through such a proxy.
const k8sProxy = {
  '/k8s': { target: process.env.SYNCLAB_K8S_PROXY ?? 'http://127.0.0.1:8001', changeOrigin: true, xfwd: true,
    rewrite: (p: string) => p.replace(/^\/k8s/, '') },
}

export default defineConfig({
  // Relative URLs everywhere (assets, chunks, Monaco's workers, the codicon font): the build works unchanged under
  // any sub-path of any static host. `--base` on the command line still overrides it.
  base: './',
  plugins: [react(), VitePWA({
    // Offline after the first visit: a service worker (Workbox) precaches the whole build, every lazy chunk and
    // worker included. A new deployment waits until the page offers it and the learner accepts (src/ui/pwa).
    registerType: 'prompt',
    injectRegister: false,
    manifest: false,
    workbox: {
      // ttf: Monaco's codicon font; labs.json: the course's labs (`synclab course build` rewrites it and its revision)
      globPatterns: ['**/*.{js,css,html,ttf}', 'labs.json'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024, // Monaco's chunk is past Workbox's default 2 MiB
      navigateFallbackDenylist: [/\/k8s\//], // the cluster panel's API proxy, never the page
    },
  }), cspOffInDev(), labSchemaStandalone(fileURLToPath(new URL('./schema/lab.schema.json', import.meta.url))),
    labsPrebuilt(fileURLToPath(new URL('./labs', import.meta.url)))],
  server: { proxy: k8sProxy },
  preview: { proxy: k8sProxy },
  resolve: { alias: [{ find: /^monaco-editor\/esm\/(.*)$/, replacement: `${monacoEsm}$1` }] },
  // Found late on a cold dev start, these would otherwise make Vite reload the page mid-session.
  optimizeDeps: {
    include: ['monaco-editor/editor/editor.api', 'monaco-yaml', 'monaco-yaml/yaml.worker.js',
      'monaco-editor/editor/editor.worker', 'xstate', 'yaml', 'react', 'react-dom/client', '@xstate/react', 'shell-quote', '@xterm/xterm', '@xterm/addon-fit', 'marked', 'dompurify', '@pkgjs/parseargs'],
  },
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 4096,
    // Every browser the page supports (those with Web Locks, CSP 3 and module workers) has modulepreload: Vite's
    // polyfill for it would only cost a slow laptop time at start.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // V8's explicit compile hint: React's chunk (nearly all of it runs before the first view) is compiled on a
        // background thread while it streams in, instead of function by function on the main thread as the first
        // render first calls it, which cost a slow laptop's first view ~150 ms (page.slow). After minification.
        postBanner: chunk => chunk.name === 'react' ? '//# allFunctionsCalledOnLoad' : '',
        codeSplitting: {
          groups: [
            // Vite's preload helper is shared by every lazy import; in the monaco group it would make the entry
            // import (and preload) all of Monaco before the app view renders.
            { name: 'preload-helper', test: /preload-helper/, priority: 10 },
            // The labs' text (YAML and Markdown) and the labs read at build time (labs-prebuilt.ts) are content, not
            // code: their own chunk, reported apart by the bench.
            { name: 'lab-content', test: /[\\/]labs[\\/][^\\/]+[\\/](lab\.yaml|repo|solution)|virtual:builtin-labs/ },
            // React and its scheduler: a chunk of their own, compiled ahead (postBanner above).
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'monaco', test: /node_modules[\\/]monaco-editor/ },
            { name: 'monaco-yaml', test: /node_modules[\\/](monaco-yaml|monaco-[a-z-]+|vscode-[a-z-]+|jsonc-parser|prettier)/ },
          ],
        },
      },
    },
  },
  // The command model loads apart (src/cluster/command-model.ts); tests that run a FakeCluster's clock need it first.
  // Kubernetes' types for the reader load apart too (test/setup.ts).
  test: { environment: 'node', include: ['test/**/*.test.ts'], setupFiles: ['test/setup-command-model.ts', 'test/setup.ts'] },
})
