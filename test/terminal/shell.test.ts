// The shell around the tools: tokenizing, $USER, unknown commands, pipes, flag parsing, completion, line editing.
import { describe, expect, it } from 'vitest'
import { tokenize } from '../../src/terminal/common.ts'
import { FlagError, parseFlags } from '../../src/terminal/flags.ts'
import { commonPrefix, complete, LineEditor, runCommand } from '../../src/terminal/index.ts'
import { CREATE, terminal } from './helpers.ts'

describe('shell', () => {
  it('expands $USER and the labs\' +username+, keeps quotes', async () => {
    const t = await terminal({ user: 'alice' })
    expect(tokenize(`argocd app create argo-hook-$USER --path 'pre post' "x $USER"`, t.ctx).stages).toEqual([
      ['argocd', 'app', 'create', 'argo-hook-alice', '--path', 'pre post', 'x alice']])
    expect(tokenize('echo argo-hook-+username+ # comment', t.ctx).stages).toEqual([['echo', 'argo-hook-alice']])
    expect(runCommand('echo $USER', t.ctx).lines).toEqual(['alice'])
    expect(runCommand('whoami', t.ctx).lines).toEqual(['alice'])
  })

  it('says what a lab\'s placeholders typed as they stand are, and creates nothing from them', async () => {
    const t = await terminal({ user: 'alice' })
    // bash would read <username> as redirections ("bash: username: No such file or directory").
    const angle = runCommand(CREATE.replace('argo-hook-learner', 'argo-hook-<username>'), t.ctx)
    expect(angle.exitCode).toBe(1)
    expect(angle.lines).toEqual(["synclab: <username> is a placeholder of the lab's text, not something to type; " +
      'put your own value in its place: your user name here is alice ($USER)'])
    expect(runCommand('kubectl get pod <pod name>', t.ctx).lines[0]).toBe("synclab: <pod name> is a placeholder of the " +
      "lab's text, not something to type; put your own value in its place: your user name here is alice ($USER)")
    expect(runCommand('kubectl logs <hook>', t.ctx).lines[0]).toMatch(/^synclab: <hook> is a placeholder .* in its place$/)
    // The course site's Hugo shortcodes: no repository address of argocd's, no name of kubectl's.
    const shortcode = runCommand(CREATE.replace('https://example.com', 'https://{{% param giteaUrl %}}'), t.ctx)
    expect(shortcode).toEqual({ exitCode: 1, lines: ["synclab: {{% param giteaUrl %}} is filled in by the course's web " +
      "site; the lab's text in the page shows the address to use"] })
    expect(runCommand('argocd app list -o name', t.ctx).lines).toEqual([])
    // Quoted, they are plain text, as in bash; a redirection that is no placeholder keeps bash's refusal.
    expect(runCommand("echo '<username>' \"{{% param x %}}\"", t.ctx).lines).toEqual(['<username> {{% param x %}}'])
    expect(runCommand('kubectl get pods > out.txt', t.ctx).lines).toEqual(["synclab: the sandbox shell does not support '>'"])
    expect(runCommand('kubectl get pods < in', t.ctx).lines).toEqual(["synclab: the sandbox shell does not support '<'"])
  })

  it('answers as bash the tools a lab\'s text has the learner type, and says where in the page that step is done', async () => {
    const t = await terminal()
    const inTheEditor = "synclab: the lab's repository is in the page's editor: change files there and press Commit " +
      '(Ctrl/Cmd+S); Argo CD sees each commit at once, so there is nothing to push.'
    const inTheTree = "synclab: the lab's repository is the page's editor: its file tree lists the files and opens them."
    // Task 2 of the seed: "commit and push the changes".
    expect(runCommand("git commit -am 'curl'", t.ctx)).toEqual({ exitCode: 1, lines: ['bash: git: command not found', inTheEditor] })
    expect(runCommand('git push', t.ctx).lines).toEqual(['bash: git: command not found', inTheEditor])
    expect(runCommand('vi pre-post-sync-hook/post-sync-job.yaml', t.ctx).lines).toEqual(['bash: vi: command not found', inTheEditor])
    expect(runCommand('cat pre-post-sync-hook/post-sync-job.yaml', t.ctx).lines).toEqual(['bash: cat: command not found', inTheTree])
    expect(runCommand('curl https://acend.ch', t.ctx).lines[1]).toMatch(/^synclab: this terminal has no network\. In the lab, curl runs in the hook's Pod/)
    // cd is bash's own: never "not found"; the home folder is the only one.
    expect(runCommand('cd argocd-training-examples', t.ctx)).toEqual({ exitCode: 1,
      lines: ['bash: cd: argocd-training-examples: No such file or directory', inTheTree] })
    for (const home of ['cd', 'cd ~', 'cd $HOME', 'cd .']) expect(runCommand(home, t.ctx)).toEqual({ lines: [], exitCode: 0 })
    expect(runCommand('make', t.ctx)).toEqual({ exitCode: 1, lines: ['bash: make: command not found'] })
  })

  it('unknown commands, empty lines, clear, help, unsupported operators', async () => {
    const t = await terminal()
    expect(runCommand('foo bar', t.ctx)).toEqual({ lines: ['bash: foo: command not found'], exitCode: 1 })
    expect(runCommand('   ', t.ctx)).toEqual({ lines: [], exitCode: 0 })
    expect(runCommand('clear', t.ctx).clear).toBe(true)
    expect(runCommand('help', t.ctx).lines[0]).toMatch(/^synclab terminal/)
    expect(runCommand('kubectl get pods > out.txt', t.ctx).lines[0]).toMatch(/does not support '>'/)
  })

  it('pipes into grep, head and wc -l', async () => {
    const t = await terminal()
    await t.type(CREATE)
    expect(runCommand('argocd app get argo-hook-learner | grep Status', t.ctx).lines).toEqual([
      'Sync Status:        OutOfSync from  (a1b2c3d)', 'Health Status:      Missing'])
    expect(runCommand('argocd app get argo-hook-learner | head -n 1', t.ctx).lines).toEqual(['Name:               argocd/argo-hook-learner'])
    expect(runCommand('kubectl get ns | wc -l', t.ctx).lines).toEqual(['5'])
    expect(runCommand('kubectl get ns | grep -c learner', t.ctx).lines).toEqual(['1'])
  })

  it('never throws: a broken context prints one line', () => {
    const ctx = { simulation: () => { throw new Error('boom') }, repoFiles: () => undefined }
    expect(runCommand('kubectl get pods', ctx)).toEqual({ lines: ['synclab: internal error: boom'], exitCode: 1 })
  })
})

describe('flags', () => {
  const specs = [
    { name: 'namespace', short: 'n', type: 'string' as const },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const },
    { name: 'watch', short: 'w', type: 'bool' as const },
    { name: 'resource', type: 'strings' as const },
  ]
  it('reads long, short, grouped, = and repeated forms anywhere', () => {
    expect(parseFlags(['get', '-n', 'x', 'pods', '--watch'], specs)).toEqual({ args: ['get', 'pods'], flags: { namespace: 'x', watch: true } })
    expect(parseFlags(['-Aw', '--namespace=y', '-nz'], specs).flags).toEqual({ 'all-namespaces': true, watch: true, namespace: 'z' })
    expect(parseFlags(['--resource', 'a:B:c', '--resource=d:E:f'], specs).flags).toEqual({ resource: ['a:B:c', 'd:E:f'] })
    expect(parseFlags(['--watch=false', '--', '-n'], specs)).toEqual({ args: ['-n'], flags: { watch: false } })
  })
  it('reports what pflag reports', () => {
    expect(() => parseFlags(['--foo'], specs)).toThrow(new FlagError('unknown flag: --foo'))
    expect(() => parseFlags(['-x'], specs)).toThrow(new FlagError("unknown shorthand flag: 'x' in -x"))
    expect(() => parseFlags(['-n'], specs)).toThrow(new FlagError("flag needs an argument: 'n' in -n"))
    expect(() => parseFlags(['--namespace'], specs)).toThrow(new FlagError('flag needs an argument: --namespace'))
  })
})

describe('completion', () => {
  it('commands, subcommands, flags, app names, types and object names', async () => {
    const t = await terminal()
    await t.type(CREATE)
    await t.type('kubectl apply -f pre-post-sync-hook/pre-sync-job.yaml')
    expect(complete('kub', t.ctx)).toEqual({ start: 0, candidates: ['kubectl'] })
    expect(complete('argocd app s', t.ctx).candidates).toEqual(['sync'])
    expect(complete('argocd app sync ', t.ctx).candidates).toEqual(['argo-hook-learner'])
    expect(complete('argocd app sync argo-hook-learner --pr', t.ctx).candidates).toEqual(['--preview-changes', '--prune'])
    expect(complete('argocd app create x --dest-server ', t.ctx).candidates).toEqual(['https://kubernetes.default.svc'])
    expect(complete('kubectl get de', t.ctx).candidates).toEqual(['deploy', 'deployments'])
    expect(complete('kubectl get jobs ', t.ctx).candidates).toEqual(['before'])
    expect(complete('kubectl get pods -n ', t.ctx).candidates).toContain('learner')
    expect(complete('kubectl get pods -o ', t.ctx).candidates).toEqual(['json', 'name', 'wide', 'yaml'])
    expect(complete('kubectl logs job/', t.ctx).candidates).toEqual(['job/before'])
    expect(complete('kubectl explain argocd.argoproj.io/hook', t.ctx).candidates).toEqual([
      'argocd.argoproj.io/hook', 'argocd.argoproj.io/hook-delete-policy'])
    expect(commonPrefix(['deploy', 'deployments'])).toBe('deploy')
  })
})

describe('line editor', () => {
  it('types, moves, deletes and submits', () => {
    const e = new LineEditor('$ ')
    e.feed('kubctl')
    e.feed('\x1b[D\x1b[D\x1b[De')
    expect(e.buffer).toBe('kubectl')
    e.feed('\x1b[H\x1b[3~K\x7f')
    expect(e.buffer).toBe('ubectl')
    e.feed('\x01k\x05 get')
    expect(e.buffer).toBe('kubectl get')
    expect(e.feed('\r')).toEqual([{ type: 'write', text: '\r\n' }, { type: 'submit', line: 'kubectl get' }])
  })
  it('history, Ctrl+C, Ctrl+L, Tab and a multi-line paste', () => {
    const e = new LineEditor('$ ')
    e.remember('one')
    e.remember('two')
    e.feed('dra')
    e.feed('\x1b[A')
    expect(e.buffer).toBe('two')
    e.feed('\x1b[A\x1b[A')
    expect(e.buffer).toBe('one')
    e.feed('\x1b[B\x1b[B')
    expect(e.buffer).toBe('dra')
    expect(e.feed('\x03')).toEqual([{ type: 'interrupt' }])
    expect(e.feed('\x0c')).toEqual([{ type: 'clear' }])
    expect(e.feed('\t')).toEqual([{ type: 'complete', line: 'dra' }])
    e.setLine('')
    const actions = e.feed('echo a\r\necho b\r')
    expect(actions.filter(a => a.type === 'submit')).toEqual([{ type: 'submit', line: 'echo a' }, { type: 'submit', line: 'echo b' }])
  })
})
