// The package as users get it: `npm pack` (prepack compiles the CLI and the library into build/), installed with
// `npm install --omit=dev --offline` into an empty project, then run: no TypeScript, no tsx, no dependency at
// run time. Every command here runs from the installed tarball.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SEED_LAB } from './helpers.ts'

const ROOT = resolve(import.meta.dirname, '../..')
let project = ''
let bin = ''

function run(command: string, args: string[], opts: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  // The project's own environment is left behind: nothing from the repository (tsx, NODE_OPTIONS) may help.
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir() }
  return spawnSync(command, args, { cwd: opts.cwd ?? project, encoding: 'utf8', env, input: opts.input ?? '', timeout: 120_000 })
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-pack-'))
  const pack = spawnSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 })
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`)
  const tarball = readdirSync(dir).find(f => f.endsWith('.tgz'))!
  project = join(dir, 'project')
  cpSync(join(ROOT, 'examples/hooks'), join(project, 'hooks'), { recursive: true })
  cpSync(join(ROOT, SEED_LAB), join(project, 'manifests'), { recursive: true })
  writeFileSync(join(project, 'package.json'), '{ "name": "my-charts", "private": true, "type": "module" }\n')
  const install = run('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', join(dir, tarball)])
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`)
  bin = join(project, 'node_modules/.bin/synclab')
}, 300_000)

// Each case spawns node (and tsc): a loaded machine takes seconds where an idle one takes a fraction.
describe('the packed tarball, installed with npm install --omit=dev --offline', { timeout: 60_000 }, () => {
  it('installs nothing but synclab: no tsx, no TypeScript, no sources', () => {
    expect(readdirSync(join(project, 'node_modules')).filter(n => !n.startsWith('.'))).toEqual(['synclab'])
    const pkg = join(project, 'node_modules/synclab')
    expect(existsSync(join(pkg, 'src'))).toBe(false)
    expect(existsSync(join(pkg, 'build/synclab.js'))).toBe(true)
    expect(existsSync(join(pkg, 'schema/sync-output.schema.json'))).toBe(true)
    expect(existsSync(join(pkg, 'labs/01-resource-hooks/lab.yaml'))).toBe(true)
  })

  it('synclab sync runs a manifest folder and exits 0', () => {
    const r = run(bin, ['sync', 'manifests'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Phase:              Succeeded')
  })

  it('helm template … | synclab sync - --json', () => {
    const text = readdirSync(join(project, 'manifests')).map(f => readFileSync(join(project, 'manifests', f), 'utf8')).join('\n---\n')
    const r = run(bin, ['sync', '-', '--json'], { input: text })
    expect(r.status).toBe(0)
    expect((JSON.parse(r.stdout) as { operations: Array<{ phase: string }> }).operations[0]!.phase).toBe('Succeeded')
  })

  it('synclab test and synclab sweep, as CI runs them', () => {
    const t = run(bin, ['test', 'hooks/hooks.test.yaml', '--junit', 'junit.xml'])
    expect(t.stdout).toContain('2 passed, 0 failed')
    expect(t.status).toBe(0)
    expect(readFileSync(join(project, 'junit.xml'), 'utf8')).toContain('<testsuites name="synclab" tests="2" failures="0"')
    const s = run(bin, ['sweep', 'hooks/sweep.yaml', '--csv'])
    expect(s.status).toBe(0)
    expect(s.stdout.trim().split('\n')).toHaveLength(7)
  })

  it('synclab lab check runs a shipped lab (its schema is in the package)', () => {
    const r = run(bin, ['lab', 'check', 'node_modules/synclab/labs/01-resource-hooks', '--solution'])
    expect(r.status).toBe(0)
  })

  it('synclab lab new and course build make a course site from the package alone (its prebuilt page)', () => {
    expect(run(bin, ['lab', 'new', 'course/01-mine']).status).toBe(0)
    expect(run(bin, ['lab', 'check', 'course/01-mine', '--solution']).status).toBe(0)
    const r = run(bin, ['course', 'build', 'course', '--out', 'site', '--title', 'Mine'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('site: 1 lab (01-mine), from the page built into the package')
    const labs = JSON.parse(readFileSync(join(project, 'site/labs.json'), 'utf8')) as { labs: Array<{ id: string }> }
    expect(labs.labs.map(l => l.id)).toEqual(['01-mine'])
    expect(readFileSync(join(project, 'site/index.html'), 'utf8')).toContain('<title>Mine</title>')
    expect(readdirSync(join(project, 'site/assets')).some(f => /^index-.*\.js$/.test(f))).toBe(true)
  })

  it('synclab lab preview serves the prebuilt page with the lab from the package alone', async () => {
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir() }
    const preview = spawn(bin, ['lab', 'preview', 'course/01-mine', '--port', '0'], { cwd: project, env })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = ''
        preview.stdout.on('data', (d: Buffer) => {
          text += d.toString()
          const m = /at (http:\/\/[\d.:]+\/)/.exec(text)
          if (m) resolve(m[1]!)
        })
        preview.once('exit', code => reject(new Error(`exited ${code}: ${text}`)))
      })
      expect(await (await fetch(url)).text()).toContain('<div id="app"></div>')
      const labs = await (await fetch(`${url}labs.json`)).json() as { preview: boolean; labs: Array<{ id: string }> }
      expect(labs.preview).toBe(true)
      expect(labs.labs.map(l => l.id)).toEqual(['01-mine'])
    } finally {
      preview.kill()
    }
  })

  it('import { simulate } from "synclab" returns the sync --json document', () => {
    const r = run(process.execPath, ['--input-type=module', '-e',
      "import { simulate } from 'synclab'; import { readFileSync } from 'node:fs';" +
      "const doc = await simulate(readFileSync('manifests/pre-sync-job.yaml', 'utf8'));" +
      'console.log(doc.operations[0].phase, doc.events.length > 0)'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('Succeeded true\n')
  })

  it('its types check: a TypeScript consumer of simulate() compiles, and a wrong use does not', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext',
      moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }))
    const tsc = (code: string) => {
      writeFileSync(join(project, 'use.ts'), `import { simulate, type SyncDocument, type SimulateOptions } from 'synclab'\n${code}\n`)
      return run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'])
    }
    const good = tsc("const o: SimulateOptions = { prune: true, whatIf: { 'Job/x': 'fails' } }\n" +
      "const doc: SyncDocument = await simulate('', o)\nexport const phase: string = doc.operations[0]!.phase")
    expect(good.stdout).toBe('')
    expect(good.status).toBe(0)
    const bad = tsc("export const n: number = (await simulate('')).operations[0]!.phase")
    expect(bad.stdout).toContain("error TS2322: Type 'string' is not assignable to type 'number'")
  })
})
