import type { KubeObject } from '../../src/cluster/objects.ts'
import { parseManifests, type Diagnostic, type ParseResult } from '../../src/manifest/index.ts'

export function parse(text: string, path = 'app.yaml'): ParseResult {
  return parseManifests([{ path, text }])
}

/** A Job with the given annotations (values are written verbatim into the YAML). */
export function jobYaml(annotations: Record<string, string>, name = 'migrate'): string {
  const ann = Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}\n`).join('')
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
${ann ? `  annotations:\n${ann}` : ''}spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
`
}

export function objectWith(annotations: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'x' }): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...metadata, annotations } } as KubeObject
}

export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map(d => d.code)
}

export function only(ds: readonly Diagnostic[], code: string): Diagnostic {
  const hits = ds.filter(d => d.code === code)
  if (hits.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(ds, null, 1)}`)
  return hits[0] as Diagnostic
}
