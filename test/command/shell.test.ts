import { describe, expect, it } from 'vitest'
import { exitCode, run, sh, stderr, stdout } from './helpers.ts'

describe('lists, && and ||', () => {
  it('newlines and ; separate commands; the last status is the exit code', () => {
    const r = sh('busybox', 'echo a; echo b\necho c\nfalse')
    expect(stdout(r)).toBe('a\nb\nc\n')
    expect(exitCode(r)).toBe(1)
  })

  it('&& runs on success, || on failure', () => {
    expect(stdout(sh('busybox', 'true && echo yes; false && echo no; false || echo alt; true || echo never'))).toBe('yes\nalt\n')
    expect(exitCode(sh('busybox', 'false && true'))).toBe(1)
    expect(exitCode(sh('busybox', 'false || true'))).toBe(0)
  })

  it('exit N ends the script with N (mod 256)', () => {
    expect(run('busybox', ['sh', '-c', 'echo before; exit 3; echo after']).end).toEqual({ atMs: 0, exitCode: 3 })
    expect(exitCode(sh('busybox', 'exit 256'))).toBe(0)
    expect(exitCode(sh('bash', 'exit', { shell: ['bash', '-c'] }))).toBe(0)
    expect(exitCode(sh('busybox', 'false; exit'))).toBe(1)
  })

  it('comments are ignored, # inside a word is not a comment', () => {
    expect(stdout(sh('busybox', '# setup\necho a#b # trailing\n  # indented\necho "#quoted"'))).toBe('a#b\n#quoted\n')
  })

  it('`!` negates a pipeline', () => {
    expect(exitCode(sh('busybox', '! false'))).toBe(0)
    expect(exitCode(sh('busybox', '! true'))).toBe(1)
  })
})

describe('errexit (-e / set -e)', () => {
  it('stops at the first failing command', () => {
    const r = sh('busybox', 'set -e\necho one\nfalse\necho two')
    expect(stdout(r)).toBe('one\n')
    expect(exitCode(r)).toBe(1)
    expect(exitCode(run('busybox', ['sh', '-ec', 'sh -c "exit 7"; echo no']))).toBe(7)
  })

  it('does not apply to the left of && / ||, conditions, or negation', () => {
    const r = sh('busybox', 'set -e\nfalse && echo no\nfalse || echo alt\nif false; then echo no; fi\nwhile false; do :; done\n! true\necho end')
    expect(stdout(r)).toBe('alt\nend\n')
    expect(exitCode(r)).toBe(0)
  })

  it('applies to the last command of an && list', () => {
    const r = sh('busybox', 'set -e; true && false; echo unreachable')
    expect(stdout(r)).toBe('')
    expect(exitCode(r)).toBe(1)
  })

  it('set +e turns it off again; a failing subshell exits the parent', () => {
    expect(stdout(sh('busybox', 'set -e; set +e; false; echo on'))).toBe('on\n')
    expect(exitCode(sh('busybox', 'set -e; (exit 4); echo no'))).toBe(4)
  })
})

describe('pipes and pipefail', () => {
  it('a pipeline has the status of its last command', () => {
    expect(exitCode(sh('busybox', 'false | true'))).toBe(0)
    expect(exitCode(sh('busybox', 'true | false'))).toBe(1)
  })

  it('pipefail takes the rightmost failure', () => {
    expect(exitCode(sh('bash', 'set -o pipefail; sh -c "exit 3" | sh -c "exit 4" | true', { shell: ['bash', '-c'] }))).toBe(4)
    expect(exitCode(run('bash', ['bash', '-o', 'pipefail', '-c', 'sh -c "exit 3" | true']))).toBe(3)
    expect(exitCode(run('alpine', ['sh', '-eo', 'pipefail', '-c', 'false | cat; echo no']))).toBe(1)
  })

  it('dash (Debian sh) has no pipefail', () => {
    const r = sh('ubuntu', 'set -eo pipefail; echo no')
    expect(exitCode(r)).toBe(2)
    expect(stderr(r)).toBe('sh: 1: set: Illegal option -o pipefail\n')
    expect(stdout(sh('ubuntu', 'set -eo pipefail; echo yes', { shell: ['bash', '-c'] }))).toBe('yes\n')
  })

  it('data flows through the pipe, and readers finish after their input', () => {
    const r = sh('nginx', 'curl -s https://acend.ch | grep -c html')
    expect(stdout(r)).toBe('3\n')
    expect(r.output[0]!.atMs).toBe(300)
    expect(stdout(sh('busybox', 'echo hello | cat | wc -c'))).toBe('6\n')
    expect(stdout(sh('busybox', 'printf "b\\na\\nb\\n" | sort | uniq'))).toBe('a\nb\n')
  })
})

describe('variables', () => {
  it('expands $VAR and ${VAR} from the container env and the pod defaults', () => {
    const r = sh('busybox', 'echo "$GREETING, ${NAME}!"; echo $HOSTNAME $HOME; echo $KUBERNETES_SERVICE_HOST', { env: { GREETING: 'Hello', NAME: 'world' } })
    expect(stdout(r)).toBe('Hello, world!\njob-abc12 /root\n10.96.0.1\n')
  })

  it('single quotes keep $ literal; unset variables are empty', () => {
    expect(stdout(sh('busybox', "echo '$HOME' \"[$NOPE]\""))).toBe('$HOME []\n')
  })

  it('assignments, export, defaults and pattern removal', () => {
    const r = sh('busybox', 'A=1; B="two words"; echo $A "$B"; echo ${C:-dflt} ${A:+set}; F=archive.tar.gz; echo ${F%.gz} ${F##*.} ${#F}')
    expect(stdout(r)).toBe('1 two words\ndflt set\narchive.tar gz 14\n')
    expect(stdout(sh('busybox', 'X=1; printenv X; export X; printenv X'))).toBe('1\n')
    expect(stdout(sh('busybox', 'Y=temp env | grep ^Y='))).toBe('Y=temp\n')
  })

  it('$? is the last status; $0 and positional parameters come from sh -c args', () => {
    expect(stdout(sh('busybox', 'false; echo $?; true; echo $?'))).toBe('1\n0\n')
    expect(stdout(run('busybox', ['sh', '-c', 'echo $0 $1 $# "$@"', 'me', 'a', 'b']))).toBe('me a 2 a b\n')
  })

  it('command substitution, $( ) and backquotes', () => {
    expect(stdout(sh('busybox', 'x=$(echo hi); echo "got $x" `echo there` "$(hostname)"'))).toBe('got hi there job-abc12\n')
    expect(stdout(sh('busybox', 'for w in $(echo a b c); do echo $w; done'))).toBe('a\nb\nc\n')
  })

  it('set -u makes an unset variable fatal', () => {
    const r = sh('bash', 'set -u; echo $NOPE; echo after', { shell: ['bash', '-c'] })
    expect(exitCode(r)).toBe(1)
    expect(stderr(r)).toBe('bash: line 1: NOPE: unbound variable\n')
  })

  it('Kubernetes expands $(VAR) in command and args, not $VAR', () => {
    const r = run('busybox', ['echo', '$(GREETING)', '$GREETING', '$(UNDEFINED)', '$$(GREETING)'], { env: { GREETING: 'hi' } })
    expect(stdout(r)).toBe('hi $GREETING $(UNDEFINED) $(GREETING)\n')
    expect(stdout(run('busybox', ['sh', '-c', 'echo $URL'], { env: { HOST: 'db', URL: 'postgres://$(HOST):5432' } }))).toBe('postgres://db:5432\n')
  })
})

describe('compound commands', () => {
  it('if / elif / else', () => {
    expect(stdout(sh('busybox', 'if [ "$A" = x ]; then echo x; elif [ -z "$A" ]; then echo empty; else echo other; fi'))).toBe('empty\n')
  })

  it('for, while, until, break and continue', () => {
    expect(stdout(sh('busybox', 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done'))).toBe('1\n3\n')
    expect(stdout(sh('busybox', 'n=0; until [ $n = 3 ]; do n=$(expr $n + 1); echo try; done'))).toBe('try\ntry\ntry\n')
    expect(stdout(sh('busybox', 'printf "a\\nb\\n" | while read line; do echo "<$line>"; done'))).toBe('<a>\n<b>\n')
  })

  it('a retry loop waits in virtual time', () => {
    const r = sh('busybox', 'for i in 1 2 3; do wget -q -O- http://db:5432 && exit 0; sleep 2; done; echo "gave up"; exit 1', { unreachable: ['db'] })
    expect(r.end).toEqual({ atMs: 3 * 2100, exitCode: 1 })
    expect(stderr(r)).toContain("wget: bad address 'db'")
  })

  it('groups, subshells and functions', () => {
    expect(stdout(sh('busybox', '{ echo a; echo b; } | wc -l; (X=1; exit 0); echo "[$X]"'))).toBe('2\n[]\n')
    expect(stdout(sh('bash', 'greet() { echo "hello $1"; return 3; }\ngreet you; echo $?', { shell: ['bash', '-c'] }))).toBe('hello you\n3\n')
  })

  it('an endless loop runs until killed', () => {
    const r = sh('busybox', 'while true; do echo tick; sleep 10; done')
    expect(r.end.atMs).toBeNull()
    expect(r.output.slice(0, 3).map(o => o.atMs)).toEqual([0, 10_000, 20_000])
    expect(sh('busybox', 'while :; do :; done').end.atMs).toBeNull()
  })

  it('background jobs and wait', () => {
    const r = sh('busybox', 'sleep 5 && echo bg & echo fg; wait; echo done')
    expect(r.output.map(o => [o.atMs, o.text])).toEqual([[0, 'fg\n'], [5000, 'bg\n'], [5000, 'done\n']])
    expect(sh('busybox', 'sleep 5 && echo late & echo quick').output.map(o => o.text)).toEqual(['quick\n'])
  })
})

describe('redirections', () => {
  it('files, /dev/null and 2>&1', () => {
    expect(stdout(sh('busybox', 'echo saved > /tmp/x; echo more >> /tmp/x; cat /tmp/x'))).toBe('saved\nmore\n')
    expect(sh('busybox', 'cat /nope 2>/dev/null; echo hidden >/dev/null').output).toEqual([])
    const r = sh('busybox', 'cat /nope 2>&1')
    expect(stdout(r)).toBe("cat: can't open '/nope': No such file or directory\n")
    expect(stderr(sh('busybox', 'echo oops >&2'))).toBe('oops\n')
    expect(stdout(sh('busybox', 'curl https://x.io >/dev/null 2>&1; echo $?'))).toBe('127\n')
  })
})

describe('xtrace', () => {
  it('-x prints each command to stderr', () => {
    const r = run('bash', ['bash', '-xc', 'echo "hello world"; X=1 true'])
    expect(stdout(r)).toBe('hello world\n')
    expect(stderr(r)).toBe("+ echo 'hello world'\n+ X=1 true\n")
    expect(stderr(sh('busybox', 'set -x; sleep 1'))).toBe('+ sleep 1\n')
  })
})

describe('missing commands', () => {
  it.each([
    ['quay.io/acend/example-web-go', ['bash', '-c'], 'bash: line 1: curl: command not found\n'],
    ['quay.io/acend/example-web-go', ['sh', '-c'], 'sh: line 1: curl: command not found\n'],
    ['quay.io/acend/example-web-go', ['/bin/bash', '-c'], '/bin/bash: line 1: curl: command not found\n'],
    ['busybox', ['sh', '-c'], 'sh: curl: not found\n'],
    ['alpine', ['/bin/sh', '-c'], '/bin/sh: curl: not found\n'],
    ['bash', ['sh', '-c'], 'sh: curl: not found\n'],
    ['bash', ['bash', '-c'], 'bash: line 1: curl: command not found\n'],
    ['ubuntu', ['sh', '-c'], 'sh: 1: curl: not found\n'],
    ['postgres', ['/bin/sh', '-c'], '/bin/sh: 1: curl: not found\n'],
  ])('%s %j', (image, shell, message) => {
    const r = sh(image, 'curl -s https://acend.ch', { shell })
    expect(exitCode(r)).toBe(127)
    expect(stderr(r)).toBe(message)
  })

  it('reports the line of the script', () => {
    expect(stderr(sh('ubuntu', 'echo ok\n\nwget x', { shell: ['bash', '-c'] }))).toBe('bash: line 3: wget: command not found\n')
    expect(stderr(sh('ubuntu', 'echo ok\nwget x'))).toBe('sh: 2: wget: not found\n')
  })

  it('/usr/bin/env bash finds bash only where it exists', () => {
    expect(stdout(run('ubuntu', ['/usr/bin/env', 'bash', '-c', 'echo $0']))).toBe('bash\n')
    const r = run('alpine', ['/usr/bin/env', 'bash', '-c', 'echo hi'])
    expect(exitCode(r)).toBe(127)
    expect(stderr(r)).toBe("env: can't execute 'bash': No such file or directory\n")
  })
})

describe('syntax errors', () => {
  it.each([
    ['ubuntu', ['bash', '-c'], 'echo hi )', "bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `echo hi )'\n"],
    ['ubuntu', ['sh', '-c'], 'if true; then echo', 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n'],
    ['busybox', ['sh', '-c'], 'echo "unterminated', 'sh: syntax error: unterminated quoted string\n'],
    ['ubuntu', ['bash', '-c'], "echo 'open", "bash: -c: line 1: unexpected EOF while looking for matching `''\n"],
    ['busybox', ['sh', '-c'], 'echo a && && echo b', 'sh: syntax error: unexpected "&&"\n'],
  ])('%s %j %j', (image, shell, script, message) => {
    const r = sh(image, script, { shell })
    expect(exitCode(r)).toBe(2)
    expect(stderr(r)).toBe(message)
    expect(stdout(r)).toBe('')
  })

  it('commands on lines before the error run', () => {
    const r = sh('ubuntu', 'echo first\nfi', { shell: ['bash', '-c'] })
    expect(stdout(r)).toBe('first\n')
    expect(exitCode(r)).toBe(2)
  })

  it('unsupported constructs are reported, not thrown', () => {
    const r = sh('busybox', 'cat <<EOF\nhi\nEOF')
    expect(exitCode(r)).toBe(2)
    expect(stderr(r)).toContain('syntax error: here-documents (<<) is not supported')
    expect(exitCode(sh('busybox', 'case x in x) echo;; esac'))).toBe(2)
    expect(exitCode(sh('ubuntu', 'echo ${}', { shell: ['bash', '-c'] }))).toBe(1)
  })

  it('shell option errors', () => {
    expect(stderr(run('busybox', ['sh', '-c']))).toBe('sh: -c requires an argument\n')
    expect(exitCode(run('ubuntu', ['bash', '-c']))).toBe(2)
    expect(exitCode(run('ubuntu', ['bash', '-Q', '-c', 'true']))).toBe(2)
  })
})
