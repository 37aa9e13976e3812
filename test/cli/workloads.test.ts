// `synclab sync` on a database-first application: a StatefulSet in wave 0, a Deployment and a DaemonSet in wave 1,
// a PostSync smoke test (R16, R93-R97).
import { describe, expect, it } from 'vitest'
import { cli, fixture, syncJson } from './helpers.ts'

const files = {
  'db.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  annotations:
    argocd.argoproj.io/sync-wave: "0"
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:17
          env:
            - {name: POSTGRES_PASSWORD, value: secret}
`,
  'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: nginx}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - {name: agent, image: nginx}
`,
  'smoke.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: smoke
  annotations:
    argocd.argoproj.io/hook: PostSync
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - {name: wait, image: busybox, command: ["sleep", "2"]}
      containers:
        - {name: smoke, image: busybox, command: ["sh", "-c", "echo ok"]}
`,
}

describe('synclab sync with StatefulSets and DaemonSets', () => {
  it('R93 R95 R97 a StatefulSet in wave 0 gates wave 1; the sync ends Succeeded (exit 0)', async () => {
    const dir = fixture(files)
    const r = await cli('sync', dir)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Phase: +Succeeded/)
    expect(r.out).toMatch(/apps +StatefulSet +default +db +Synced +Healthy +partitioned roll out complete: 2 new pods have been updated\.\.\./)
    expect(r.out).toMatch(/apps +DaemonSet +default +agent +Synced +Healthy/)
    const { doc } = await syncJson(dir)
    const pods = doc.cluster.filter(o => o.kind === 'Pod').map(o => o.name)
    expect(pods).toEqual(expect.arrayContaining(['db-0', 'db-1']))
    expect(pods.filter(n => n.startsWith('agent-'))).toHaveLength(3)
    const dbHealthy = doc.events.find(e => e.type === 'health' && e.kind === 'StatefulSet' && e.health === 'Healthy')!
    const webApplied = doc.events.find(e => e.type === 'apply' && e.name === 'web' && !e.dryRun)!
    expect(webApplied['t'] as number).toBeGreaterThanOrEqual(dbHealthy['t'] as number)
  })
})
