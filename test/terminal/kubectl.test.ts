// kubectl / oc: columns, status words and messages as kubectl prints them (k8s printers.go, describe, logs).
import { describe, expect, it } from 'vitest'
import { CREATE, terminal } from './helpers.ts'

async function synced() {
  const t = await terminal()
  await t.type(CREATE)
  const sync = await t.type('argocd app sync argo-hook-learner')
  await t.runUntil(() => sync.exitCode !== undefined)
  return t
}

describe('kubectl get', () => {
  it('empty namespace, unknown type, unknown flag, NotFound', async () => {
    const t = await terminal()
    expect((await t.type('kubectl get pods')).lines).toEqual(['No resources found in learner namespace.'])
    expect((await t.type('kubectl get po -n default')).lines).toEqual(['No resources found in default namespace.'])
    expect((await t.type('kubectl get pods -A')).lines).toEqual(['No resources found'])
    expect((await t.type('kubectl get foo')).lines).toEqual(['error: the server doesn\'t have a resource type "foo"'])
    expect((await t.type('kubectl get pods --foo')).lines).toEqual(['error: unknown flag: --foo', "See 'kubectl get --help' for usage."])
    expect((await t.type('oc get pods --foo')).lines[1]).toBe("See 'oc get --help' for usage.")
    const nf = await t.type('kubectl get pod x')
    expect(nf.lines).toEqual(['Error from server (NotFound): pods "x" not found'])
    expect(nf.exitCode).toBe(1)
    expect((await t.type('kubectl get job before')).lines).toEqual(['Error from server (NotFound): jobs.batch "before" not found'])
    expect((await t.type('kubectl get pods -o foo')).lines[0]).toMatch(/^error: unable to match a printer suitable for the output format "foo"/)
    expect((await t.type('kubectl frob')).lines[0]).toBe('error: unknown command "frob" for "kubectl"')
  })

  it('headers and rows of pods, deployments, replicasets, services, jobs', async () => {
    const t = await synced()
    const pods = await t.type('kubectl get pods')
    // The hooks' pods go a moment after the operation ends (HookSucceeded).
    expect(pods.lines[0]).toBe('NAME                                  READY   STATUS      RESTARTS   AGE')
    expect(pods.lines).toContainEqual(expect.stringMatching(/^before-[a-z0-9]{5}\s+0\/1     Completed   0          \d+s$/))
    expect(pods.lines).toContainEqual(expect.stringMatching(/^pre-post-sync-hook-[a-z0-9]+-[a-z0-9]{5}   1\/1     Running     0          \d+s$/))
    await t.advance(5_000)
    expect((await t.type('kubectl get pods')).lines[0]).toBe('NAME                                  READY   STATUS    RESTARTS   AGE')
    const deploy = await t.type('kubectl get deploy')
    expect(deploy.lines[0]).toBe('NAME                 READY   UP-TO-DATE   AVAILABLE   AGE')
    expect(deploy.lines[1]).toMatch(/^pre-post-sync-hook   1\/1     1            1           \d+s$/)
    expect((await t.type('kubectl get rs')).lines[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/)
    const svc = await t.type('kubectl get svc')
    expect(svc.lines[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/)
    expect(svc.lines[1]).toMatch(/^pre-post-sync-hook\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+5000\/TCP\s+\d+s$/)
    const wide = await t.type('kubectl get pods -o wide')
    expect(wide.lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/)
    const labels = await t.type('kubectl get pods --show-labels -l app=pre-post-sync-hook')
    expect(labels.lines[0]).toMatch(/LABELS$/)
    expect(labels.lines[1]).toMatch(/app=pre-post-sync-hook,pod-template-hash=/)
    expect((await t.type('kubectl get pods -l app=other')).lines).toEqual(['No resources found in learner namespace.'])
    const names = await t.type('kubectl get deploy,svc -o name')
    expect(names.lines).toEqual(['deployment.apps/pre-post-sync-hook', 'service/pre-post-sync-hook'])
    const all = await t.type('kubectl get all')
    expect(all.lines.filter(l => l.startsWith('NAME')).length).toBe(4)
    expect(all.lines.some(l => l.startsWith('deployment.apps/pre-post-sync-hook'))).toBe(true)
    const allNs = await t.type('kubectl get deploy -A')
    expect(allNs.lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/)
    const events = await t.type('kubectl get events')
    expect(events.lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/)
    expect(events.lines.some(l => /Normal\s+SuccessfulCreate\s+job\/before\s+Created pod: before-/.test(l))).toBe(true)
  })

  it('jobs: NAME STATUS COMPLETIONS DURATION AGE, -o yaml / json', async () => {
    const t = await terminal()
    await t.type('kubectl apply -f pre-post-sync-hook/pre-sync-job.yaml')
    await t.advance(30_000)
    const jobs = await t.type('kubectl get jobs')
    expect(jobs.lines).toEqual(['NAME     STATUS     COMPLETIONS   DURATION   AGE', expect.stringMatching(/^before   Complete   1\/1           1\ds        30s$/)])
    const yaml = await t.type('kubectl get job before -o yaml')
    expect(yaml.lines.slice(0, 2)).toEqual(['apiVersion: batch/v1', 'kind: Job'])
    const json = await t.type('kubectl get jobs -o json')
    expect(JSON.parse(json.lines.join('\n')).kind).toBe('List')
  })

  it('-o wide adds CONTAINERS, IMAGES and SELECTOR to deployments, replicasets and jobs', async () => {
    const t = await synced()
    const wide = (await t.type('kubectl get deploy,rs,jobs -o wide')).lines
    expect(wide[0]).toBe('NAME                                 READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS       IMAGES                         SELECTOR')
    expect(wide[1]).toMatch(/^deployment\.apps\/pre-post-sync-hook   1\/1     1            1           \d+s   example-web-go   quay\.io\/acend\/example-web-go   app=pre-post-sync-hook$/)
    expect(wide[3]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/)
    expect(wide[4]).toMatch(/^replicaset\.apps\/pre-post-sync-hook-\w+   1         1         1       \d+s   example-web-go   quay\.io\/acend\/example-web-go   app=pre-post-sync-hook,pod-template-hash=\w+$/)
    expect(wide[6]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/)
    expect(wide.slice(7)).toEqual([
      expect.stringMatching(/^job\.batch\/after    Complete   1\/1           \d+s\s+\d+s\s+sleep        quay\.io\/acend\/example-web-go   batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}$/),
      expect.stringMatching(/^job\.batch\/before   Complete   1\/1           \d+s\s+\d+s\s+sleep        quay\.io\/acend\/example-web-go   batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}$/),
    ])
  })

  it('get -w on a single type only', async () => {
    const t = await terminal()
    expect((await t.type('kubectl get all -w')).lines).toEqual(['error: you may only specify a single resource type'])
  })
})

describe('kubectl describe, logs, delete, apply, explain', () => {
  it('describe pod/job/deployment with their Events', async () => {
    const t = await terminal()
    await t.type('kubectl apply -f pre-post-sync-hook/pre-sync-job.yaml')
    await t.advance(30_000)
    const job = await t.type('kubectl describe job before')
    expect(job.lines[0]).toBe('Name:             before')
    expect(job.lines).toContain('Backoff Limit:    0')
    expect(job.lines).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed')
    expect(job.lines).toContain('Events:')
    expect(job.lines.some(l => /^ {2}Normal {2}SuccessfulCreate {2}\d+s {3}job-controller {2}Created pod: before-/.test(l))).toBe(true)
    const pod = await t.type('kubectl describe pod before')
    expect(pod.lines[0]).toMatch(/^Name:\s+before-[a-z0-9]{5}$/)
    expect(pod.lines).toContain('Status:           Succeeded')
    expect(pod.lines).toContain('Controlled By:  Job/before')
    expect(pod.lines.some(l => /^ {6}Reason: +Completed$/.test(l))).toBe(true)
    expect(pod.lines.some(l => /^ {2}Type {4}Reason {5}Age/.test(l))).toBe(true)
    expect((await t.type('kubectl describe pod nope')).lines).toEqual(['Error from server (NotFound): pods "nope" not found'])
  })

  it('logs: job/NAME picks its pod, -f follows, -c checks the container, --previous needs a restart', async () => {
    const t = await terminal()
    await t.type('kubectl apply -f pre-post-sync-hook/deployment.yaml')
    await t.advance(500)
    const pod = t.sim.fake.store.list('Pod', 'learner')[0]!.metadata.name!
    expect((await t.type(`kubectl logs ${pod}`)).lines[0]).toMatch(/^Error from server \(BadRequest\): container "example-web-go" in pod ".*" is waiting to start: (ContainerCreating|PodInitializing)$/)
    await t.advance(20_000)
    const follow = await t.type('kubectl logs -f deploy/pre-post-sync-hook')
    expect(follow.lines.some(l => /Listening on :5000/.test(l))).toBe(true)
    expect(follow.exitCode).toBeUndefined() // still following a running container
    follow.stop()
    // A Job's pod: -f ends with the container.
    await t.type('kubectl apply -f pre-post-sync-hook/pre-sync-job.yaml')
    await t.advance(8_000)
    const jobLogs = await t.type('kubectl logs -f job/before')
    expect(jobLogs.exitCode).toBeUndefined()
    await t.advance(20_000)
    expect(jobLogs.exitCode).toBe(0)
    expect((await t.type(`kubectl logs ${pod} -c nope`)).lines).toEqual([`error: container nope is not valid for pod ${pod}`])
    expect((await t.type(`kubectl logs ${pod} --previous`)).lines).toEqual([
      `Error from server (BadRequest): previous terminated container "example-web-go" in pod "${pod}" not found`])
    expect((await t.type('kubectl logs job/nope')).lines).toEqual(['Error from server (NotFound): jobs.batch "nope" not found'])
    expect((await t.type('kubectl logs nope')).lines).toEqual(['Error from server (NotFound): pods "nope" not found'])
  })

  it('apply prints created/unchanged; delete prints deleted', async () => {
    const t = await terminal()
    expect((await t.type('kubectl apply -f pre-post-sync-hook')).lines).toEqual([
      'deployment.apps/pre-post-sync-hook created', 'job.batch/after created', 'job.batch/before created',
      'service/pre-post-sync-hook created'])
    expect((await t.type('kubectl apply -f pre-post-sync-hook/svc.yaml')).lines).toEqual(['service/pre-post-sync-hook unchanged'])
    expect((await t.type('kubectl apply -f nope.yaml')).lines).toEqual(['error: the path "nope.yaml" does not exist'])
    expect((await t.type('kubectl delete svc pre-post-sync-hook')).lines).toEqual(['service "pre-post-sync-hook" deleted'])
    expect((await t.type('kubectl delete job/before')).lines).toEqual(['job.batch "before" deleted'])
    expect((await t.type('kubectl delete svc pre-post-sync-hook')).lines).toEqual([
      'Error from server (NotFound): services "pre-post-sync-hook" not found'])
  })

  it('explain knows the Argo CD annotations and the simulated kinds', async () => {
    const t = await terminal()
    const hook = await t.type('kubectl explain argocd.argoproj.io/hook')
    expect(hook.lines[0]).toBe('ANNOTATION:  argocd.argoproj.io/hook')
    expect(hook.lines).toContain('VALUES:')
    expect(hook.lines).toContain('  PreSync')
    const policy = await t.type('kubectl explain argocd.argoproj.io/hook-delete-policy')
    expect(policy.lines).toContain('  HookSucceeded')
    const job = await t.type('kubectl explain jobs')
    expect(job.lines.slice(0, 3)).toEqual(['GROUP:      batch', 'KIND:       Job', 'VERSION:    v1'])
    expect((await t.type('kubectl explain foo')).lines).toEqual(['error: couldn\'t find resource for "foo"'])
  })
})

describe('kubectl get pods: status words of a pod whose image cannot be pulled', () => {
  it('shows Pending, ContainerCreating, then ErrImagePull, then ImagePullBackOff, and describe names the failure', async () => {
    const t = await terminal()
    t.files.push({ path: 'broken/pod.yaml', text: [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: broken', 'spec:', '  containers:',
      '  - name: app', '    image: quay.io/acend/does-not-exist:1.0', '    command: ["sleep", "10"]', '',
    ].join('\n') })
    expect((await t.type('kubectl apply -f broken/pod.yaml')).lines).toEqual(['pod/broken created'])
    const statusOf = async () => (await t.type('kubectl get pod broken')).lines[1]?.split(/\s+/)[2]
    // Not yet scheduled: Pending, as kubectl prints a pod with no container status.
    const seen = [(await statusOf())!]
    expect(seen[0]).toBe('Pending')
    for (let i = 0; i < 120 && !seen.includes('ImagePullBackOff'); i++) {
      await t.advance(250)
      const now = (await statusOf())!
      if (now !== seen.at(-1)) seen.push(now)
    }
    expect(seen).toEqual(['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff'])
    const describe = (await t.type('kubectl describe pod broken')).lines.join('\n')
    expect(describe).toMatch(/Failed to pull image "quay.io\/acend\/does-not-exist:1.0"/)
  })
})
