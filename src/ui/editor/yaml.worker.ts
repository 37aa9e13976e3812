// The YAML language service worker (monaco-yaml's workaround for Vite: a local entry so `?worker` bundles it).
import 'monaco-yaml/yaml.worker.js'
