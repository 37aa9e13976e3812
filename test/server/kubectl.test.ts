// The learner's own kubectl against `synclab serve` (in-process, random loopback port): apply, get, get -w,
// describe, logs, delete. Skipped when kubectl is not installed.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kubeconfig, type RunningServer } from '../../src/server/serve.ts'
import { call, configMap, serve, until } from './helpers.ts'

const KUBECTL = process.env['KUBECTL'] ?? 'kubectl'
const probe = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' })
const hasKubectl = probe.status === 0
const run = promisify(execFile)

let s: RunningServer
let dir: string
let env: NodeJS.ProcessEnv

async function kubectl(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  try {
    const { stdout, stderr } = await run(KUBECTL, args, { env, timeout: 15_000 })
    return { out: stdout, err: stderr, code: 0 }
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; code?: number }
    return { out: x.stdout ?? '', err: x.stderr ?? '', code: typeof x.code === 'number' ? x.code : 1 }
  }
}

const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
---
apiVersion: batch/v1
kind: Job
metadata:
  name: greet
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
          command: ["sh", "-c", "echo hello from synclab; sleep 2; echo done"]
`

describe.skipIf(!hasKubectl)(`kubectl against synclab serve${hasKubectl ? '' : ' (skipped: no kubectl on PATH)'}`, () => {
  beforeAll(async () => {
    s = await serve({ speed: 20, namespaces: ['lab'] })
    dir = mkdtempSync(join(tmpdir(), 'synclab-kubectl-'))
    writeFileSync(join(dir, 'config'), kubeconfig(s.port, 'lab'))
    writeFileSync(join(dir, 'app.yaml'), MANIFESTS)
    // A private HOME and discovery cache: nothing from the machine's ~/.kube is read or written.
    env = { PATH: process.env['PATH'] ?? '', HOME: dir, KUBECONFIG: join(dir, 'config'), KUBECACHEDIR: join(dir, 'cache') }
  })
  afterAll(async () => {
    await s?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('applies, re-applies unchanged, and reports a changed immutable field as the API server does', async () => {
    const first = await kubectl('apply', '-f', join(dir, 'app.yaml'))
    expect(first.err).toBe('')
    expect(first.out).toBe('configmap/settings created\njob.batch/greet created\n')
    const again = await kubectl('apply', '-f', join(dir, 'app.yaml'))
    expect(again.out).toBe('configmap/settings unchanged\njob.batch/greet unchanged\n')
    writeFileSync(join(dir, 'changed.yaml'), MANIFESTS.replace('color: blue', 'color: green').replace('image: busybox', 'image: alpine'))
    const changed = await kubectl('apply', '-f', join(dir, 'changed.yaml'))
    expect(changed.out).toContain('configmap/settings configured')
    expect(changed.err).toMatch(/field is immutable/)
    expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/settings')).body.data).toEqual({ color: 'green' })
  })

  it('gets pods with the server-side columns, describes one with its events, and prints its logs', async () => {
    await until(async () => (await kubectl('get', 'job', 'greet', '-o', 'jsonpath={.status.succeeded}')).out === '1',
      8000, 'the job to complete')
    const pods = await kubectl('get', 'pods')
    expect(pods.out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    expect(pods.out).toMatch(/greet-\w{5}\s+0\/1\s+Completed\s+0\s+\d+s/)
    const jobs = await kubectl('get', 'jobs')
    expect(jobs.out).toMatch(/greet\s+Complete\s+1\/1/)
    const name = (await kubectl('get', 'pods', '-l', 'job-name=greet', '-o', 'jsonpath={.items[0].metadata.name}')).out
    const described = await kubectl('describe', 'pod', name)
    expect(described.out).toMatch(/Controlled By:\s+Job\/greet/)
    expect(described.out).toMatch(/Events:[\s\S]*Scheduled[\s\S]*Started/)
    const logs = await kubectl('logs', name)
    expect(logs.out).toBe('hello from synclab\ndone\n')
    const jobLogs = await kubectl('logs', 'job/greet')
    expect(jobLogs.out).toBe('hello from synclab\ndone\n')
  })

  it('watches with get -w until stopped', async () => {
    const child = spawn(KUBECTL, ['get', 'configmaps', '-w'], { env })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    try {
      await until(() => /settings/.test(out), 8000, 'the initial list')
      await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap('watched'))
      await until(() => /watched/.test(out), 8000, 'the new configmap in the watch')
      expect(out.split('\n')[0]).toMatch(/^NAME\s+DATA\s+AGE$/)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('kubectl create configmap|secret|namespace|deployment|job|service|cronjob: its protobuf bodies are decoded', async () => {
    // kubectl's typed clients send application/vnd.kubernetes.protobuf and never fall back to JSON.
    const created = [
      await kubectl('create', 'configmap', 'made', '--from-literal=color=blue', '--from-literal=size=2'),
      await kubectl('create', 'secret', 'generic', 'hidden', '--from-literal=token=s3cret'),
      await kubectl('create', 'namespace', 'made-ns'),
      await kubectl('create', 'deployment', 'made-deploy', '--image=nginx', '--replicas=2', '--port=80'),
      await kubectl('create', 'job', 'made-job', '--image=busybox', '--', 'echo', 'hi'),
      await kubectl('create', 'service', 'clusterip', 'made-svc', '--tcp=80:8080'),
      await kubectl('create', 'cronjob', 'made-cron', '--image=busybox', '--schedule=*/5 * * * *'),
    ]
    expect(created.map(r => r.err)).toEqual(['', '', '', '', '', '', ''])
    expect(created.map(r => r.out.trim())).toEqual(['configmap/made created', 'secret/hidden created',
      'namespace/made-ns created', 'deployment.apps/made-deploy created', 'job.batch/made-job created',
      'service/made-svc created', 'cronjob.batch/made-cron created'])
    const cm = (await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/made')).body
    expect(cm.data).toEqual({ color: 'blue', size: '2' })
    expect(cm.metadata).not.toHaveProperty('generateName')
    const secret = (await call(s, 'GET', '/api/v1/namespaces/lab/secrets/hidden')).body
    expect(Buffer.from(secret.data.token, 'base64').toString()).toBe('s3cret')
    expect((await call(s, 'GET', '/api/v1/namespaces/made-ns')).status).toBe(200)
    const deploy = (await call(s, 'GET', '/apis/apps/v1/namespaces/lab/deployments/made-deploy')).body
    expect(deploy.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'made-deploy' } } })
    expect(deploy.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] })
    const job = (await call(s, 'GET', '/apis/batch/v1/namespaces/lab/jobs/made-job')).body
    expect(job.spec.template.spec).toMatchObject({ restartPolicy: 'Never',
      containers: [{ name: 'made-job', image: 'busybox', command: ['echo', 'hi'] }] })
    const svc = (await call(s, 'GET', '/api/v1/namespaces/lab/services/made-svc')).body
    expect(svc.spec.ports[0]).toMatchObject({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' })
    const cron = (await call(s, 'GET', '/apis/batch/v1/namespaces/lab/cronjobs/made-cron')).body
    expect(cron.spec.schedule).toBe('*/5 * * * *')
    await until(async () => (await kubectl('get', 'job', 'made-job', '-o', 'jsonpath={.status.succeeded}')).out === '1',
      8000, 'the created job to complete')
    const again = await kubectl('create', 'configmap', 'made')
    expect(again.err).toBe('error: failed to create configmap: configmaps "made" already exists\n')
  })

  it('kubectl apply --server-side (apply-patch+yaml) creates, then updates', async () => {
    writeFileSync(join(dir, 'ssa.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n')
    expect((await kubectl('apply', '--server-side', '-f', join(dir, 'ssa.yaml'))).out).toBe('configmap/ssa serverside-applied\n')
    writeFileSync(join(dir, 'ssa.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "2"\n')
    expect((await kubectl('apply', '--server-side', '-f', join(dir, 'ssa.yaml'))).out).toBe('configmap/ssa serverside-applied\n')
    expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/ssa')).body.data).toEqual({ a: '2' })
  })

  it('a ConfigMap over the 3 MiB body limit: kubectl prints the API server\'s words and nothing is created', async () => {
    writeFileSync(join(dir, 'big.txt'), 'y'.repeat(4 * 1024 * 1024))
    const big = await kubectl('create', 'configmap', 'too-big', `--from-file=${join(dir, 'big.txt')}`)
    expect(big.code).not.toBe(0)
    expect(big.err).toBe('error: failed to create configmap: Request entity too large: limit is 3145728\n')
    expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/too-big')).status).toBe(404)
  })

  it('deletes, and answers NotFound for what is gone', async () => {
    const deleted = await kubectl('delete', 'configmap', 'settings')
    expect(deleted.out).toBe('configmap "settings" deleted\n')
    const missing = await kubectl('get', 'configmap', 'settings')
    expect(missing.code).not.toBe(0)
    expect(missing.err).toContain('Error from server (NotFound): configmaps "settings" not found')
    const job = await kubectl('delete', 'job', 'greet', '--cascade=foreground')
    expect(job.out).toBe('job.batch "greet" deleted\n')
  })
})
