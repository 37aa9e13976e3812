// The terminal's contract with its host (the page, or a test): what the commands act on, what a command hands
// back, and the interpreter itself as the page uses it. DOM-free, and imported by both sides: src/ui and src/terminal
// never import each other.
import type { SourceFile } from '../manifest/index.ts'
import type { Simulation } from '../sync/simulation.ts'

export interface TerminalContext {
  /** The learner's user name (`$USER`, the labs' `+username+`); a namespace of that name exists. Default `learner`. */
  user?: string
  /** The simulation the commands act on. A function: the host may replace its run (reset). */
  simulation(): Simulation
  /**
   * The lab's repository at HEAD: the files at `path` (a folder or one file, relative to the repository root),
   * or undefined when the path does not exist. `argocd app create --path` and `kubectl apply -f` read it.
   */
  repoFiles(path: string): SourceFile[] | undefined
  /** The repository's HEAD commit (40 hex digits): the revision an Application syncs. */
  headRevision?(): string
  /** The lab repository's URL, for completion and `argocd app get` of apps the terminal did not create. */
  repoUrl?: string
  /**
   * Told when a command started something that needs virtual time to pass (a sync, a deletion, a watch), so that
   * the host can play time (the page: `session.play()`).
   */
  onActivity?(what: 'sync' | 'delete' | 'terminate' | 'create' | 'watch' | 'apply'): void
  /**
   * Calls `listener` whenever virtual time has moved (the page: after each animation frame's advance). Optional:
   * watches also wake on every change to the cluster; this adds wake-ups for `logs -f` output between changes.
   */
  onTime?(listener: () => void): () => void
}

/** What a command hands back to the terminal. */
export interface CommandResult {
  /** Lines printed at once (no trailing newline). */
  lines: string[]
  /** The shell's `$?`. */
  exitCode: number
  /** The terminal clears its screen first (`clear`). */
  clear?: boolean
  /**
   * A command that goes on printing while virtual time passes (`kubectl get -w`, `kubectl logs -f`,
   * `argocd app sync`, `argocd app wait`, `argocd app create`). The terminal starts it after printing `lines`;
   * `stop()` (Ctrl+C) ends it early; `done` is called once when it ends by itself.
   */
  watch?: CommandWatch
  /** A question (`[y/n]`): the terminal prints it without a newline and hands the next line typed to `answer`. */
  prompt?: CommandPrompt
  /**
   * Work the command started that ends without virtual time passing (`argocd app create` making its Application).
   * A host that replays commands (time travel) awaits it before time moves on; the terminal need not.
   */
  pending?: Promise<void>
}

export interface CommandWatch {
  start(emit: (line: string) => void, done: (exitCode: number) => void): () => void
}

export interface CommandPrompt {
  question: string
  answer(line: string): CommandResult
}

/** Where the console draws: xterm.js in the page, a string in tests. */
export interface Screen {
  write(text: string): void
  clear(): void
}

export interface ConsoleOptions {
  /** What the commands act on; asked for each command, so that the host may change it. */
  context(): TerminalContext
  /** Runs one command (default: the interpreter's own); the page's session runs it so that it can replay it. */
  run?(line: string, context: TerminalContext): CommandResult
  /** Told of every command run (after it ran), as it was run: `\`-newlines removed. */
  onCommand?(line: string): void
}

/** A terminal on a screen: keys and pastes go in with `feed`. */
export interface Console {
  feed(data: string): void
  dispose(): void
}

/**
 * The terminal's interpreter as the page uses it. The page's entry (src/page.ts) hands it in, so that the page
 * (src/ui) and the interpreter (src/terminal) never import each other.
 */
export interface Shell {
  runCommand(line: string, context: TerminalContext): CommandResult
  /** Whether a line may change the cluster or an application (a rebuilt run must run it again). */
  changesCluster(line: string, context: TerminalContext): boolean
  openConsole(screen: Screen, options: ConsoleOptions): Console
}
