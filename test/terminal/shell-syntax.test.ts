// The sandbox shell reads what learners paste as bash does: quotes, escapes, `\`-newline, `$VAR`, `${VAR}`, `$(…)`,
// comments, command lists, and inputs that are not complete yet (bash's `> ` continuation prompt).
import { describe, expect, it } from 'vitest'
import { tokenize } from '../../src/terminal/common.ts'
import { runCommand } from '../../src/terminal/index.ts'
import { expandPipeline, scan, splitCommands } from '../../src/terminal/shell-syntax.ts'
import { CREATE, terminal } from './helpers.ts'

const words = (text: string, vars: Record<string, string> = {}, subst: (s: string) => string = () => '') => {
  const r = expandPipeline(text, { variable: n => vars[n], substitute: subst, home: '/home/learner' })
  return 'error' in r ? r.error : r.stages
}

describe('bash words', () => {
  it('single quotes, double quotes and backslash escapes as bash reads them', () => {
    expect(words(`a 'b c' "d e" f\\ g "h\\"i" 'j\\k' "l\\m" \\$x`)).toEqual([
      ['a', 'b c', 'd e', 'f g', 'h"i', 'j\\k', 'l\\m', '$x']])
    expect(words(`--path 'pre-post-sync-hook' --x="a b"c ''`)).toEqual([['--path', 'pre-post-sync-hook', '--x=a bc', '']])
    expect(words('echo a#b # a comment')).toEqual([['echo', 'a#b']])
  })

  it('joins a line ending in \\ with the next, in and out of double quotes, not in single quotes', () => {
    expect(words('argocd app create x \\\n  --path p')).toEqual([['argocd', 'app', 'create', 'x', '--path', 'p']])
    expect(words('a"b\\\nc"')).toEqual([['abc']])
    expect(words("a'b\\\nc'")).toEqual([['ab\\\nc']])
  })

  it('expands $VAR, ${VAR}, ${VAR:-default} and ~; unquoted values split into fields, quoted ones do not', () => {
    const vars = { USER: 'alice', TWO: 'x  y' }
    expect(words('$USER ${USER}-1 "$USER" \'$USER\' ${NOPE:-d} $NOPE ~ ~/f', vars)).toEqual([
      ['alice', 'alice-1', 'alice', '$USER', 'd', '/home/learner', '/home/learner/f']])
    expect(words('$TWO "$TWO" $', vars)).toEqual([['x', 'y', 'x  y', '$']])
    expect(words('${a b}')).toBe('bash: ${a b}: bad substitution')
  })

  it('$(…) and backquotes: the output replaces them, nested quotes and parentheses included', () => {
    const seen: string[] = []
    const subst = (s: string) => { seen.push(s); return 'one\ntwo\n' }
    expect(words('echo $(kubectl get pods -o name | grep "a)b") "$(x)" `y`', {}, subst)).toEqual([
      ['echo', 'one', 'two', 'one\ntwo', 'one', 'two']])
    expect(seen).toEqual(['kubectl get pods -o name | grep "a)b"', 'x', 'y'])
  })

  it('tells an input that is not complete yet (where bash prints "> ")', () => {
    for (const text of ['a \\', "a 'b", 'a "b', 'a $(b', 'a &&', 'a |', 'a ||\n', 'a ${b', 'a `b']) {
      expect(scan(text).status, text).toBe('incomplete')
    }
    for (const text of ['a \\\nb', "a 'b\nc'", 'a $(b)', 'a && b', '# only a comment', '']) {
      expect(scan(text).status, text).toBe('complete')
    }
  })

  it('splits a command list into commands run in turn, each with its own text', () => {
    expect(splitCommands('a 1\n\n# note\nb \\\n  2; c && d || e | f')).toEqual({ status: 'complete', commands: [
      { text: 'a 1', after: ';' }, { text: 'b \\\n  2', after: ';' }, { text: 'c', after: ';' },
      { text: 'd', after: '&&' }, { text: 'e | f', after: '||' }] })
    expect(splitCommands('&& a')).toEqual({ status: 'error', message: "bash: syntax error near unexpected token `&&'" })
    expect(splitCommands('a; ; b')).toEqual({ status: 'error', message: "bash: syntax error near unexpected token `;'" })
  })
})

describe('the interpreter runs what learners paste', () => {
  it('a command pasted over two lines joined by \\ runs as one', async () => {
    const t = await terminal()
    const r = runCommand(CREATE.replace(' --dest-server', ' \\\n  --dest-server'), t.ctx)
    expect(r.exitCode).toBe(0)
    await r.pending
    expect(runCommand('argocd app list -o name', t.ctx).lines).toEqual(['argocd/argo-hook-learner'])
  })

  it('$(…) runs the command inside; a failing one stops the command with its error', async () => {
    const t = await terminal({ user: 'alice' })
    expect(runCommand('echo "I am $(whoami)" in $(echo ns-$USER)', t.ctx).lines).toEqual(['I am alice in ns-alice'])
    expect(runCommand('kubectl get ns $(whoami) -o name', t.ctx).lines).toEqual(['namespace/alice'])
    expect(runCommand('echo $(nope)', t.ctx)).toEqual({ lines: ['bash: nope: command not found'], exitCode: 1 })
    expect(runCommand('echo $(kubectl get pods -w)', t.ctx).lines[0]).toMatch(/must print at once/)
  })

  it('; && || run in turn by exit code', async () => {
    const t = await terminal()
    expect(runCommand('echo a; false && echo b || echo c; true && echo d', t.ctx)).toEqual({ lines: ['a', 'c', 'd'], exitCode: 0 })
    expect(runCommand('echo "a;b" \'&&\'', t.ctx).lines).toEqual(['a;b &&'])
  })

  it('an input left open is an error when run as it is (the console asks for more instead)', async () => {
    const t = await terminal()
    expect(runCommand("echo 'a", t.ctx).lines[0]).toMatch(/unexpected end of file/)
    expect(tokenize('kubectl get pods > out.txt', t.ctx).error).toMatch(/does not support '>'/)
  })
})
