import { describe, expect, it } from 'vitest'
import { hasErrors } from '../../src/manifest/index.ts'
import { codes, only, parse } from './helpers.ts'

const job = (spec: string): string => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n${spec}`

describe('Pod and Job checks: warnings, the API server refuses these at apply time', () => {
  it('R70 a Job without spec.template warns at spec, and the object is still returned', () => {
    const { diagnostics, manifests } = parse(job('spec:\n  backoffLimit: 0\n'))
    const d = only(diagnostics, 'missing-pod-template')
    expect(d).toMatchObject({ severity: 'warning', line: 5, col: 1 })
    expect(d.message).toContain('API server will refuse it')
    expect(d.message).toContain('Never or OnFailure')
    expect(manifests).toHaveLength(1)
    expect(hasErrors(diagnostics)).toBe(false)
  })

  it('R70 a Job without spec at all warns at the document', () => {
    expect(only(parse(job('')).diagnostics, 'missing-pod-template')).toMatchObject({ line: 1, col: 1 })
  })

  it('R70 a Job Pod template without containers warns', () => {
    const d = only(parse(job('spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: []\n')).diagnostics, 'no-containers')
    expect(d).toMatchObject({ line: 9, col: 7, severity: 'warning' })
  })

  it('R70 a Job Pod template with restartPolicy Always warns and names Never or OnFailure', () => {
    const d = only(parse(job('spec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{name: a, image: b}]\n')).diagnostics, 'invalid-restart-policy')
    expect(d).toMatchObject({ line: 8, col: 22 })
    expect(d.message).toContain('Allowed values: Never or OnFailure (R70)')
  })

  it('R70 a Job Pod template without restartPolicy warns (it defaults to Always)', () => {
    const d = only(parse(job('spec:\n  template:\n    spec:\n      containers: [{name: a, image: b}]\n')).diagnostics, 'invalid-restart-policy')
    expect(d.message).toContain('defaults to Always')
    expect(d).toMatchObject({ line: 7, col: 5 })
  })

  it('R70 a wrongly cased restartPolicy suggests the right spelling', () => {
    const d = only(parse(job('spec:\n  template:\n    spec:\n      restartPolicy: onfailure\n      containers: [{name: a, image: b}]\n')).diagnostics, 'invalid-restart-policy')
    expect(d.message).toContain('Did you mean "OnFailure"')
  })

  it('R70 a Pod without containers warns; restartPolicy Always is valid for a Pod', () => {
    const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`
    expect(codes(parse(pod('  restartPolicy: Always\n')).diagnostics)).toEqual(['no-containers'])
    expect(parse(pod('  restartPolicy: Always\n  containers: [{name: a, image: b}]\n')).diagnostics).toEqual([])
    expect(codes(parse(pod('  restartPolicy: Sometimes\n  containers: [{name: a, image: b}]\n')).diagnostics)).toEqual(['invalid-restart-policy'])
  })

  it('R70 a Deployment template with restartPolicy Never warns', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n'
    expect(only(parse(text).diagnostics, 'invalid-restart-policy').message).toContain('Allowed values: Always')
  })

  it('R70 kinds without a Pod spec are not checked', () => {
    expect(parse('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: 3\n').diagnostics).toEqual([])
  })

  it('R1 metadata that is not a mapping is an error', () => {
    expect(codes(parse('apiVersion: v1\nkind: ConfigMap\nmetadata: [a]\n').diagnostics)).toEqual(['invalid-metadata'])
  })

  it('R1 annotations that are not a mapping are an error; apiVersion must be a string', () => {
    expect(codes(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: [a]\n').diagnostics)).toEqual(['invalid-annotations'])
    expect(only(parse('apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: c\n').diagnostics, 'invalid-field')).toMatchObject({ line: 1, col: 13 })
  })
})

describe('probe checks (R89): warnings with file:line:col', () => {
  const pod = (container: string, init = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${init}` +
    `  containers:\n  - name: web\n    image: nginx\n${container}`

  it('R89 a grpc probe warns that synclab takes it as tcpSocket, at the grpc key', () => {
    const d = only(parse(pod('    readinessProbe:\n      grpc:\n        port: 9090\n')).diagnostics, 'probe-grpc-simulated')
    expect(d).toMatchObject({ severity: 'warning', line: 10, col: 7 })
    expect(d.message).toContain('passes when the image serves the port')
  })

  it('R89 liveness and startup probes need successThreshold 1', () => {
    const d = only(parse(pod('    livenessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 2\n')).diagnostics,
      'probe-success-threshold')
    expect(d).toMatchObject({ line: 11, col: 25 })
    expect(codes(parse(pod('    readinessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 2\n')).diagnostics)).toEqual([])
  })

  it('R89 a probe with no handler, or two, warns', () => {
    expect(codes(parse(pod('    readinessProbe:\n      periodSeconds: 5\n')).diagnostics)).toEqual(['probe-no-handler'])
    const d = only(parse(pod('    readinessProbe:\n      tcpSocket: {port: 80}\n      httpGet: {port: 80}\n')).diagnostics,
      'probe-several-handlers')
    expect(d.line).toBe(9)
  })

  it('R89 a regular init container may not have probes; a sidecar may', () => {
    const init = (policy: string) => `  initContainers:\n  - name: wait\n    image: busybox\n${policy}` +
      '    readinessProbe:\n      exec: {command: ["true"]}\n'
    const d = only(parse(pod('', init(''))).diagnostics, 'probe-on-init-container')
    expect(d).toMatchObject({ line: 9, col: 5 })
    expect(codes(parse(pod('', init('    restartPolicy: Always\n'))).diagnostics)).toEqual([])
  })
})

describe('probe fields synclab cannot honour (R89)', () => {
  const pod = (probe: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n` +
    `    image: nginx\n    livenessProbe:\n      httpGet:\n${probe}`
  it('R89 an HTTPS probe warns at its scheme; httpHeaders warn at their key', () => {
    const d = only(parse(pod('        port: 443\n        scheme: HTTPS\n')).diagnostics, 'probe-https-simulated')
    expect(d).toMatchObject({ severity: 'warning', line: 12, col: 17 })
    const h = only(parse(pod('        port: 80\n        httpHeaders:\n        - {name: Host, value: shop}\n')).diagnostics, 'probe-headers-ignored')
    expect(h).toMatchObject({ line: 12, col: 9 })
    expect(parse(pod('        port: 80\n        path: /\n')).diagnostics).toEqual([])
  })
})
