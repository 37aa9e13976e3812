// Commands the sandbox has no use for, but that a learner following a lab's text types: its "commit and push the
// changes" (git), "edit the hook" (an editor), a look at the repository's files (ls, cat, cd) and the curl of the
// post-sync hook. bash's answer first, then where in the page that step is done.
import { fail } from './common.ts'
import type { CommandResult } from './types.ts'

const IN_THE_EDITOR = "synclab: the lab's repository is in the page's editor: change files there and press Commit " +
  '(Ctrl/Cmd+S); Argo CD sees each commit at once, so there is nothing to push.'
const FILES_IN_THE_TREE = "synclab: the lab's repository is the page's editor: its file tree lists the files and opens them."

const HINTS: Readonly<Record<string, string>> = {
  git: IN_THE_EDITOR,
  vi: IN_THE_EDITOR, vim: IN_THE_EDITOR, nvim: IN_THE_EDITOR, nano: IN_THE_EDITOR, emacs: IN_THE_EDITOR,
  code: IN_THE_EDITOR,
  ls: FILES_IN_THE_TREE, cat: FILES_IN_THE_TREE, less: FILES_IN_THE_TREE, more: FILES_IN_THE_TREE,
  curl: 'synclab: this terminal has no network. In the lab, curl runs in the hook\'s Pod: whether it is there ' +
    'depends on the image (quay.io/acend/example-web-python has it), and its output is the Pod\'s log.',
  wget: 'synclab: this terminal has no network; commands that fetch something run in the simulated Pods.',
}

/** bash's answer to a command the sandbox does not have, with the page's way to do what it is for. */
export function missingTool(cmd: string, args: string[], home: string): CommandResult {
  // cd is a bash builtin: bash never says it is not found. The home folder is all there is (and stays the folder).
  if (cmd === 'cd') {
    const to = args[0]
    return to === undefined || ['~', '.', home, `${home}/`].includes(to) ? { lines: [], exitCode: 0 }
      : fail(`bash: cd: ${to}: No such file or directory`, FILES_IN_THE_TREE)
  }
  const hint = HINTS[cmd]
  return hint ? fail(`bash: ${cmd}: command not found`, hint) : fail(`bash: ${cmd}: command not found`)
}
