// What the fuzzer feeds synclab: valid applications (hooks with shell programs, waves, delete policies, workloads),
// the same with one field given a wrong type, and their YAML text with characters inserted, deleted or replaced.
// Each case is plain data (it crosses to the worker process as JSON).
import fc from 'fast-check'
import { stringify } from 'yaml'
import { IMAGE_NAMES } from '../../src/cluster/images.ts'

export type FuzzCase =
  /** YAML text through the reader, then a full sync if the reader accepts it. */
  | { mode: 'text'; text: string }
  /** Objects handed to the engine directly, bypassing the reader: the engine must end every operation. */
  | { mode: 'engine'; objects: unknown[] }

type Obj = Record<string, unknown>

const SHELL_STEP = fc.oneof(
  fc.constantFrom('true', 'false', ':', 'echo hello', 'echo "$HOSTNAME"', 'date', 'env | grep -c PATH', 'cat /etc/os-release',
    'cat /nope', 'ls /', 'curl -s http://web', 'wget -q -O- http://web:8080', 'x=$((1+2)); echo $x', 'set -e',
    'trap "echo bye" TERM', 'echo a | grep a', 'echo b >&2', 'read x < /dev/null', 'exit 0', 'exit 1', 'exit 255',
    'sleep 0', 'sleep 1', 'sleep 5', 'sleep 30', 'sleep infinity', 'kill -TERM $$', 'for i in 1 2 3; do echo $i; done',
    'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done', 'if [ -f /etc/hosts ]; then echo y; else echo n; fi',
    'case x in x) echo x;; esac', 'f() { echo f; }; f', '( echo sub )', '{ echo group; }', 'test 1 -eq 1',
    'printf "%s\\n" a b', 'nslookup web', 'seq 1 3', 'yes | head -n 2', 'echo $RANDOM', 'exec sleep 2'),
  fc.string({ maxLength: 12 }),
)
const SCRIPT = fc.array(SHELL_STEP, { minLength: 1, maxLength: 5 })
  .chain(steps => fc.constantFrom('; ', ' && ', ' || ', '\n').map(sep => steps.join(sep)))

const HOOK = fc.constantFrom('PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreSync,PostSync', 'postsync', 'PreDelete')
const POLICY = fc.constantFrom(undefined, 'HookSucceeded', 'HookFailed', 'BeforeHookCreation', 'HookSucceeded,HookFailed')
const WAVE = fc.option(fc.integer({ min: -2, max: 3 }).map(String), { nil: undefined })
const NAME = fc.constantFrom('a', 'b', 'web', 'job', 'migrate', 'x-1')
const IMAGE = fc.oneof(fc.constantFrom(...IMAGE_NAMES), fc.constantFrom('nope:latest', 'busybox:1.36'))

function annotations(hook: string | undefined, policy: string | undefined, wave: string | undefined): Obj | undefined {
  const a: Obj = {}
  if (hook !== undefined) a['argocd.argoproj.io/hook'] = hook
  if (policy !== undefined) a['argocd.argoproj.io/hook-delete-policy'] = policy
  if (wave !== undefined) a['argocd.argoproj.io/sync-wave'] = wave
  return Object.keys(a).length > 0 ? a : undefined
}

/** Probes (R89, R90): none, a readiness probe that passes, a liveness probe that fails (restarts), a startup probe. */
const PROBES: Record<string, Obj> = {
  none: {},
  ready: { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 1 } },
  live: { livenessProbe: { exec: { command: ['cat', '/tmp/x'] }, periodSeconds: 1, failureThreshold: 1 } },
  startup: { startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 1, failureThreshold: 2 },
    readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 } },
}

const container = fc.record({ image: IMAGE, script: SCRIPT, probes: fc.constantFrom(...Object.keys(PROBES)) })
  .map(({ image, script, probes }) => ({ name: 'main', image, command: ['sh', '-c', script], ...PROBES[probes] }))

const meta = (name: string, a: Obj | undefined, generate: boolean): Obj =>
  ({ ...(generate ? { generateName: `${name}-` } : { name }), ...(a ? { annotations: a } : {}) })

const JOB = fc.record({
  name: NAME, hook: fc.option(HOOK, { nil: undefined }), policy: POLICY, wave: WAVE, generate: fc.boolean(),
  backoffLimit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  deadline: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  restartPolicy: fc.constantFrom('Never', 'OnFailure', 'Always'), c: container,
}).map((j): Obj => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: meta(j.name, annotations(j.hook, j.policy, j.wave), j.generate && j.hook !== undefined),
  spec: { ...(j.backoffLimit !== undefined ? { backoffLimit: j.backoffLimit } : {}),
    ...(j.deadline !== undefined ? { activeDeadlineSeconds: j.deadline } : {}),
    template: { spec: { restartPolicy: j.restartPolicy, containers: [j.c] } } },
}))

const POD = fc.record({ name: NAME, hook: fc.option(HOOK, { nil: undefined }), wave: WAVE, c: container,
  restartPolicy: fc.constantFrom('Never', 'OnFailure', 'Always') }).map((p): Obj => ({
  apiVersion: 'v1', kind: 'Pod', metadata: meta(p.name, annotations(p.hook, undefined, p.wave), false),
  spec: { restartPolicy: p.restartPolicy, terminationGracePeriodSeconds: 1, containers: [p.c] },
}))

const DEPLOYMENT = fc.record({ name: NAME, wave: WAVE, replicas: fc.integer({ min: 0, max: 3 }), image: IMAGE,
  paused: fc.boolean(), maxUnavailable: fc.constantFrom(0, 1, '25%', '100%') }).map((d): Obj => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(d.name, annotations(undefined, undefined, d.wave), false),
  spec: { replicas: d.replicas, paused: d.paused, selector: { matchLabels: { app: d.name } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: d.maxUnavailable, maxSurge: 1 } },
    template: { metadata: { labels: { app: d.name } }, spec: { containers: [{ name: 'web', image: d.image }] } } },
}))

const CONFIG_MAP = fc.record({ name: NAME, hook: fc.option(HOOK, { nil: undefined }), wave: WAVE }).map((c): Obj => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(c.name, annotations(c.hook, undefined, c.wave), false), data: { k: 'v' },
}))

const SERVICE = fc.record({ name: NAME, type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer') }).map((s): Obj => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: s.name },
  spec: { type: s.type, selector: { app: s.name }, ports: [{ port: 80, targetPort: 8080 }] },
}))

/** A valid application: one to four objects. */
export const APP = fc.array(fc.oneof(JOB, JOB, POD, DEPLOYMENT, CONFIG_MAP, SERVICE), { minLength: 1, maxLength: 4 })

/** Values of every JSON type, and numbers and strings where counts and durations belong. */
const WRONG = fc.oneof(
  fc.constantFrom({ a: 1 }, [], [1], ['x'], '', '30s', 'abc', '1e9', 'NaN', true, false, null, 0, -1, 0.5, 1e21,
    2147483648, -2147483649, 9007199254740993, 'Infinity', { '': null }),
  fc.jsonValue({ maxDepth: 2 }),
)

/** Every path to a value inside `v`, leaves and containers alike. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])))
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]))
  return out
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value
  const copy: unknown = Array.isArray(root) ? [...root] : { ...(root as Obj) }
  const [head, ...rest] = path
  ;(copy as Record<string | number, unknown>)[head!] = setAt((root as Record<string | number, unknown>)[head!], rest, value)
  return copy
}

/** One value somewhere in the application replaced by a value of another type (or an extreme number). */
export const WRONG_TYPED_APP = fc.tuple(APP, fc.nat(), WRONG, fc.constantFrom('spec', 'metadata', 'any')).map(([objs, pick, value, where]) => {
  const all = paths(objs).filter(p => p.length >= 2 && (where === 'any' || p[1] === where))
  const path = all.length > 0 ? all[pick % all.length]! : [0, 'spec']
  return setAt(objs, path, value) as Obj[]
})

const toYaml = (objs: unknown[]): string => objs.map(o => stringify(o, { lineWidth: 0 })).join('---\n')

/** The YAML text with characters inserted, deleted or replaced. */
const MUTATED_TEXT = fc.tuple(APP, fc.array(fc.record({
  at: fc.nat(), del: fc.nat({ max: 4 }),
  ins: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(':', '- ', ' ', '\n', '\t', '"', '[', '{', '#', '&a', '*a', '|', ',',
    '---\n', '  ', 'null', '9999999999', '!!binary ', '<<: ', '\u00ff', '\ufeff')),
}), { minLength: 1, maxLength: 5 })).map(([objs, edits]) => {
  let text = toYaml(objs)
  for (const e of edits) {
    const at = e.at % (text.length + 1)
    text = text.slice(0, at) + e.ins + text.slice(at + e.del)
  }
  return text
})

/** The mix the fuzzer runs: valid apps, wrong types (as text and straight into the engine), mutated text. */
export const CASE: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 3, arbitrary: APP.map(objs => ({ mode: 'text' as const, text: toYaml(objs) })) },
  { weight: 2, arbitrary: WRONG_TYPED_APP.map(objs => ({ mode: 'text' as const, text: toYaml(objs) })) },
  { weight: 2, arbitrary: WRONG_TYPED_APP.map(objs => ({ mode: 'engine' as const, objects: objs })) },
  { weight: 3, arbitrary: MUTATED_TEXT.map(text => ({ mode: 'text' as const, text })) },
)
