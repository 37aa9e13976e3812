import { describe, expect, it } from 'vitest'
import { labDirs, loadLabDir } from '../../src/labs/load.ts'
import { durationMs, labsFromFiles, parseLab } from '../../src/labs/parse.ts'
import { MINIMAL, labOf, problems, seedRepo } from './helpers.ts'

const F = 'labs/99-test/lab.yaml'

describe('lab loader: lab.yaml against the schema, errors as file:line:col', () => {
  it('reads a minimal lab into the model, with defaults', () => {
    const lab = labOf(MINIMAL)
    expect(lab.id).toBe('99-test')
    expect(lab.seed).toBe('99-test')
    expect(lab.app).toEqual({ name: 'test-app', namespace: 'learner', path: 'app', exists: true })
    expect(lab.tasks[0]).toMatchObject({ id: 'sync', needsWork: false, hints: [], pitfalls: [],
      solution: { files: [], edits: [] }, steps: [{ sync: {} }], check: [{ operation: { phase: 'Succeeded' } }] })
  })

  it('turns durations into milliseconds (wait steps, waveDelay, delay bounds)', () => {
    expect(durationMs('1m30s')).toBe(90_000)
    expect(durationMs('500ms')).toBe(500)
    expect(durationMs(2)).toBe(2000)
    const lab = labOf(MINIMAL.replace('  path: app\n', '  path: app\n  waveDelay: 3s\n')
      .replace('      - sync: {}\n', '      - sync: {}\n      - wait: 1m\n')
      .replace('      - operation: { phase: Succeeded }\n', '      - delay: { from: { type: phase }, to: { type: hook }, atLeast: 1s }\n'))
    expect(lab.app.waveDelayMs).toBe(3000)
    expect(lab.tasks[0]!.steps[1]).toEqual({ wait: 60_000 })
    expect(lab.tasks[0]!.check[0]).toEqual({ delay: { from: { type: 'phase' }, to: { type: 'hook' }, atLeast: 1000 } })
  })

  it('YAML syntax errors', () => {
    expect(problems('id: [1, 2\n')).toEqual([expect.stringMatching(/^labs\/99-test\/lab\.yaml:\d+:\d+: error: /)])
  })

  it('a missing required field points at the map that lacks it', () => {
    expect(problems(MINIMAL.replace('minutes: 5\n', ''))).toEqual([`${F}:1:1: error: lab.yaml: missing required field "minutes"`])
    expect(problems(MINIMAL.replace('    title: Sync it\n', ''))).toEqual([`${F}:10:5: error: tasks.0: missing required field "title"`])
  })

  it('an unknown field points at its key', () => {
    expect(problems(MINIMAL.replace('    needsWork: false\n', '    needswork: false\n'))).toEqual([
      expect.stringContaining(`${F}:12:5: error: tasks.0: unknown field "needswork" (expected one of: id, title, needsWork,`)])
  })

  it('an unknown step or expectation names the ones there are', () => {
    expect(problems(MINIMAL.replace('      - sync: {}\n', '      - synk: {}\n'))).toEqual([
      `${F}:15:9: error: tasks.0.steps.0: unknown field "synk" (expected one of: sync, edit, commit, wait, create-app, delete-app, kubectl-delete, terminate, command)`])
    expect(problems(MINIMAL.replace('- operation: {', '- operations: {'))).toEqual([
      expect.stringContaining(`${F}:17:9: error: tasks.0.check.0: unknown field "operations" (expected one of: operation, result, event, no-event,`)])
  })

  it('two keys in one step, a wrong enum value, a bad duration, a wrong type', () => {
    expect(problems(MINIMAL.replace('      - sync: {}\n', '      - sync: {}\n        commit: {}\n'))).toEqual([
      expect.stringMatching(new RegExp(`^${F}:15:9: error: tasks.0.steps.0: must have exactly one of: sync, edit`))])
    expect(problems(MINIMAL.replace('phase: Succeeded', 'phase: Success'))).toEqual([
      `${F}:17:29: error: tasks.0.check.0.operation.phase: must be one of "Running", "Terminating", "Failed", "Error", "Succeeded", not "Success"`])
    expect(problems(MINIMAL.replace('      - sync: {}\n', '      - wait: 10 seconds\n'))).toEqual([
      expect.stringContaining(`${F}:15:15: error: tasks.0.steps.0.wait: invalid value "10 seconds": Virtual time: 500ms, 5s`)])
    expect(problems(MINIMAL.replace('minutes: 5', 'minutes: soon'))).toEqual([`${F}:4:10: error: minutes: must be a whole number`])
  })

  it('reports every schema error at once, in file order', () => {
    const lines = problems(MINIMAL.replace('minutes: 5', 'minutes: 0').replace('phase: Succeeded', 'phase: ok'))
    expect(lines.map(l => l.split(': error')[0])).toEqual([`${F}:4:10`, `${F}:17:29`])
  })

  it('rules beyond the schema: folder name, duplicate ids, needsWork without a solution, edit steps', () => {
    expect(problems(MINIMAL, seedRepo(), 'labs/42-other')).toEqual([
      'labs/42-other/lab.yaml:1:5: error: id: "99-test" must be the lab\'s folder name "42-other"'])
    const twice = MINIMAL + MINIMAL.slice(MINIMAL.indexOf('  - id: sync'))
    expect(problems(twice)).toEqual([`${F}:18:9: error: tasks.1.id: duplicate task id "sync"`])
    expect(problems(MINIMAL.replace('    needsWork: false\n', ''))).toEqual([
      `${F}:10:9: error: tasks.0: a task that needs work has a solution (files or edits) or a command step; otherwise set needsWork: false`])
    expect(problems(MINIMAL.replace('    needsWork: false\n', '').replace('    steps:\n', '    solution:\n      edits: [{ file: a.yaml, content: "" }]\n    steps:\n'))).toEqual([
      `${F}:16:7: error: tasks.0.steps: the task has a solution but no "edit" step applies it`])
  })

  it('solution files must exist and inline edits must find their text', () => {
    const withSolution = (solution: string) => MINIMAL.replace('    needsWork: false\n', '')
      .replace('    steps:\n      - sync: {}\n', `    solution:\n${solution}    steps:\n      - edit: {}\n      - sync: {}\n`)
    expect(problems(withSolution('      files: [post-sync-job.yaml]\n'))).toEqual([
      `${F}:14:15: error: tasks.0.solution.files[0]: solution/sync/post-sync-job.yaml does not exist`])
    expect(problems(withSolution('      edits:\n        - file: svc.yaml\n          replace: "port: 1234"\n          with: "port: 80"\n'))).toEqual([
      `${F}:15:11: error: tasks.0.solution.edits[0]: svc.yaml does not contain "port: 1234"`])
    expect(problems(withSolution('      edits:\n        - file: svc.yaml\n          content: "x: [1"\n'))).toEqual([
      expect.stringMatching(/^labs\/99-test\/lab\.yaml:15:11: error: tasks\.0\.solution\.edits\[0\]: svc\.yaml:1:\d+: /)])
    expect(problems(withSolution('      files: [svc.yaml]\n'), [...seedRepo(), { path: 'solution/sync/svc.yaml', text: 'a: 1\nb: [1\n' }]))
      .toEqual([expect.stringMatching(/^labs\/99-test\/solution\/sync\/svc\.yaml:\d+:\d+: error: Flow sequence/)])
    expect(problems(withSolution('      edits:\n        - file: svc.yaml\n          content: x\n          delete: true\n'))).toEqual([
      `${F}:15:11: error: tasks.0.solution.edits.0: an edit has exactly one of content, replace (+ with), delete`])
    expect(labOf(withSolution('      edits:\n        - file: svc.yaml\n          replace: "port: 5000"\n          with: "port: 80"\n'))
      .tasks[0]!.solution.edits).toEqual([{ file: 'svc.yaml', replace: 'port: 5000', with: 'port: 80' }])
  })

  it('expectations that need a name get exactly one of name and namePrefix', () => {
    expect(problems(MINIMAL.replace('- operation: { phase: Succeeded }', '- exists: { kind: Job }'))).toEqual([
      `${F}:17:17: error: tasks.0.check.0.exists: give exactly one of name, namePrefix`])
    expect(problems(MINIMAL.replace('- operation: { phase: Succeeded }', '- log: { job: after }'))).toEqual([
      `${F}:17:14: error: tasks.0.check.0.log: give contains or notContains`])
  })

  it('the app folder must exist in repo/ and its manifests must parse', () => {
    expect(problems(MINIMAL, [])).toEqual([`${F}:8:9: error: app.path: no YAML files under repo/app/`])
    expect(problems(MINIMAL, [{ path: 'repo/app/x.yaml', text: 'a: 1\nkind: [' }])[0]).toMatch(/^labs\/99-test\/repo\/app\/x\.yaml:2:\d+: error: /)
  })

  it('a folder without lab.yaml', () => {
    expect(parseLab([], 'labs/99-test').diagnostics.map(d => d.message)).toEqual(['no lab.yaml in labs/99-test'])
  })

  it('groups import.meta.glob-style paths by lab folder', () => {
    const groups = labsFromFiles([{ path: '../../labs/01-a/lab.yaml', text: 'a' }, { path: '../../labs/01-a/repo/x/y.yaml', text: 'b' },
      { path: '/labs/02-b/lab.yaml', text: 'c' }, { path: 'src/other.ts', text: '' }])
    expect([...groups.keys()]).toEqual(['01-a', '02-b'])
    expect(groups.get('01-a')!.map(f => f.path)).toEqual(['lab.yaml', 'repo/x/y.yaml'])
  })

  it('every shipped lab loads without problems', () => {
    const dirs = labDirs('labs')
    expect(dirs.length).toBeGreaterThanOrEqual(8)
    for (const dir of dirs) expect(loadLabDir(dir).diagnostics, dir).toEqual([])
  })
})
