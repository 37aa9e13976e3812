// The sync operation as an xstate machine. Each tick walks the steps of semantics.md section K; the states name
// where the operation is (waiting for the next tick, applying a group, waiting out the wave delay, running the
// SyncFail phase, retrying, terminating) and the guards name the rules that decide. The work is in steps.ts.
import { assign, fromPromise, setup } from 'xstate'
import { EPOCH_MS } from '../cluster/clock.ts'
import { MSG } from './messages.ts'
import type { SyncOperation } from './operation.ts'
import { kitchenTime, nextRetryAt, retryAllowed } from './retry.ts'
import type { RunState } from './run-tasks.ts'
import * as step from './steps.ts'
import type { SyncTask } from './task.ts'

interface Context {
  op: SyncOperation
  tickRequested: boolean
  terminateRequested: boolean
  group: { tasks: SyncTask[]; final: boolean; remaining: number } | undefined
  runState: RunState | undefined
  /** When the failed attempt ended (the retry gate counts from it, R61). */
  failedAt: number | undefined
}

type Events = { type: 'TICK' } | { type: 'TERMINATE' } | { type: 'CRASH'; error: unknown }

const opInput = ({ context }: { context: Context }) => ({ op: context.op })

/**
 * An exception inside a step ends the operation in phase Error with the exception's message, as Argo CD's
 * controller recovers a panic while it processes an operation (AC appcontroller.go processRequestedAppOperation:
 * `state.Phase = OperationError`, `state.Message = err.Error()`); it is not retried. Never a wedged operation.
 */
const CRASHED = { target: '#sync.error', actions: 'recordCrash' } as const

/** The message of whatever was thrown. */
export function crashMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

const makeSyncMachine = () => setup({
  types: {} as { context: Context; events: Events; input: { op: SyncOperation } },
  delays: {
    waveDelay: ({ context }) => context.op.env.waveDelayMs ?? 2000,
  },
  actors: {
    refreshTasks: fromPromise(async ({ input }: { input: { op: SyncOperation } }) => {
      step.refreshTasks(input.op)
      await step.findSharedResource(input.op) // R81
    }),
    dryRun: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.dryRunAll(input.op)),
    waitForRunningTasks: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.waitForRunningTasks(input.op)),
    removeFinalizers: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.removeCompletedHookFinalizers(input.op)),
    failSync: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.failSync(input.op)),
    succeed: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.succeed(input.op, MSG.noMoreTasks)),
    applyGroup: fromPromise(({ input }: { input: { op: SyncOperation; tasks: SyncTask[] } }) =>
      step.applyGroup(input.op, input.tasks)),
    finishGroup: fromPromise(({ input }: { input: { op: SyncOperation; group: NonNullable<Context['group']>;
      state: RunState } }) => step.finishGroup(input.op, input.group.tasks, input.state, input.group.remaining)),
    terminate: fromPromise(({ input }: { input: { op: SyncOperation } }) => step.terminate(input.op)),
  },
  guards: {
    tickRequested: ({ context }) => context.tickRequested,
    terminateRequested: ({ context }) => context.terminateRequested,
    sharedResourceFound: ({ context }) => context.op.sharedResource !== undefined, // R81
    hasInvalidTasks: ({ context }) => context.op.invalid.length > 0, // R47
    notStarted: ({ context }) => step.notStarted(context.op), // R45
    dryRunFailed: ({ context }) => context.op.phase === 'Failed',
    tasksRunning: ({ context }) => step.gatingTasks(context.op).length > 0, // R16
    prunesPendingDeletion: ({ context }) => step.anyPrunePendingDeletion(context.op), // R51
    anyTaskFailed: ({ context }) => step.anyTaskFailed(context.op), // R39
    noPendingTasks: ({ context }) => !step.anyPendingTask(context.op),
    syncFailDone: ({ context }) => context.op.phase === 'Failed',
    // R20: no delay after a failed apply. Guards run before the transition's actions, so the run state is read
    // from the done event (context.runState still holds the previous group's).
    waveDelayDue: ({ context, event }) =>
      (event as unknown as { output?: RunState }).output !== 'failed' && !context.group!.final,
    succeeded: ({ context }) => context.op.phase === 'Succeeded',
    failed: ({ context }) => context.op.phase === 'Failed' || context.op.phase === 'Error',
    retryAllowed: ({ context }) => retryAllowed(context.op.env.request.retry, context.op.retryCount),
    retryDue: ({ context }) => context.op.env.cluster.clock.now() >=
      nextRetryAt(context.op.env.request.retry!, context.failedAt!, context.op.retryCount),
    terminatedWithErrors: ({ context }) => context.op.phase === 'Error',
  },
  actions: {
    requestTick: assign({ tickRequested: true }),
    startTick: assign({ tickRequested: false }),
    tickDone: ({ context }) => context.op.env.requeue(30_000), // R21: the 30 s backstop
    requestTerminate: assign(({ context }) => {
      context.op.setPhase('Terminating', context.op.message)
      return { terminateRequested: true }
    }),
    failInvalidTasks: ({ context }) => step.failInvalidTasks(context.op),
    failOnSharedResource: ({ context }) => context.op.setPhase('Failed', context.op.sharedResource!),
    observeRunningTasks: ({ context }) => step.observeRunningTasks(context.op),
    waitForPrunes: ({ context }) => step.waitForPrunes(context.op),
    pickGroup: assign(({ context }) => {
      return { group: step.nextGroup(context.op) }
    }),
    keepRunState: assign({ runState: ({ event }) => (event as unknown as { output: RunState }).output }),
    scheduleRetry: assign(({ context }) => {
      const op = context.op
      const now = op.env.cluster.clock.now()
      const at = nextRetryAt(op.env.request.retry!, now, op.retryCount)
      op.retryCount++
      op.setPhase('Running', `${op.message}. Retrying attempt #${op.retryCount} at ${kitchenTime(EPOCH_MS + at)}.`)
      return { failedAt: now }
    }),
    requeueForRetry: ({ context }) => {
      const op = context.op
      const at = nextRetryAt(op.env.request.retry!, context.failedAt!, op.retryCount)
      op.env.requeue(Math.max(0, at - op.env.cluster.clock.now()))
    },
    startAttempt: ({ context }) => {
      const op = context.op
      op.results.clear() // R61: the attempt starts over, with the same startedAt
      op.plan = undefined
      op.setPhase('Running', `Retrying operation. Attempt #${op.retryCount}`)
    },
    recordCrash: ({ context, event }) =>
      context.op.setPhase('Error', crashMessage((event as unknown as { error?: unknown }).error)),
    noteRetries: ({ context }) => {
      const op = context.op
      if (op.retryCount > 0) op.setPhase(op.phase, `${op.message} (retried ${op.retryCount} times).`)
    },
  },
}).createMachine({
  id: 'sync',
  context: ({ input }) => ({ op: input.op, tickRequested: true, terminateRequested: false, group: undefined,
    runState: undefined, failedAt: undefined }),
  initial: 'running',
  on: {
    TICK: { actions: 'requestTick' }, // a tick asked for while busy runs right after (the workqueue's "dirty")
    TERMINATE: { actions: 'requestTerminate' },
    CRASH: CRASHED, // the simulated cluster threw while this operation ran (Application.fault)
  },
  states: {
    running: {
      initial: 'waiting',
      states: {
        waiting: {
          tags: ['waiting'],
          always: [
            { guard: 'terminateRequested', target: '#sync.terminating' },
            { guard: 'tickRequested', target: 'observing' },
          ],
          on: { TICK: 'observing' },
        },
        observing: {
          // Step 1 runs as an invoked actor, not as an entry action: xstate defers the custom actions of the
          // actor's first macrostep until start() returns, so `always` guards right after an entry action would
          // see the tasks of no tick at all on the first tick (it skipped the dry run, R45, and the invalid-task
          // check, R47).
          tags: ['busy'],
          entry: 'startTick',
          invoke: { src: 'refreshTasks', input: opInput, onError: CRASHED, onDone: [
            { guard: 'sharedResourceFound', target: '#sync.ending', actions: 'failOnSharedResource' },
            { guard: 'hasInvalidTasks', target: '#sync.ending', actions: 'failInvalidTasks' },
            { guard: 'notStarted', target: 'dryRun' },
            { target: 'checkingRunningTasks' },
          ] },
        },
        dryRun: {
          tags: ['busy'],
          invoke: { src: 'dryRun', input: opInput, onError: CRASHED, onDone: [
            { guard: 'dryRunFailed', target: '#sync.ending' },
            { target: 'checkingRunningTasks' },
          ] },
        },
        checkingRunningTasks: {
          entry: 'observeRunningTasks',
          always: [
            { guard: 'tasksRunning', target: 'waitingForTasks' },
            { guard: 'prunesPendingDeletion', target: 'tickDone', actions: 'waitForPrunes' },
            { target: 'removingFinalizers' },
          ],
        },
        waitingForTasks: {
          tags: ['busy'],
          invoke: { src: 'waitForRunningTasks', input: opInput, onError: CRASHED, onDone: 'tickDone' },
        },
        removingFinalizers: {
          tags: ['busy'],
          invoke: { src: 'removeFinalizers', input: opInput, onError: CRASHED, onDone: 'deciding' },
        },
        deciding: {
          always: [
            { guard: 'anyTaskFailed', target: 'runningSyncFail' },
            { guard: 'noPendingTasks', target: 'succeeding' },
            { target: 'applying' },
          ],
        },
        runningSyncFail: {
          tags: ['busy'],
          invoke: { src: 'failSync', input: opInput, onError: CRASHED, onDone: [
            { guard: 'syncFailDone', target: '#sync.ending' },
            { target: 'tickDone' },
          ] },
        },
        succeeding: {
          tags: ['busy'],
          invoke: { src: 'succeed', input: opInput, onError: CRASHED, onDone: '#sync.ending' },
        },
        applying: {
          tags: ['busy'],
          entry: 'pickGroup',
          invoke: {
            src: 'applyGroup',
            input: ({ context }) => ({ op: context.op, tasks: context.group!.tasks }),
            onError: CRASHED,
            onDone: [
              { guard: 'waveDelayDue', target: 'waveDelay', actions: 'keepRunState' },
              { target: 'finishing', actions: 'keepRunState' },
            ],
          },
        },
        waveDelay: {
          after: { waveDelay: 'finishing' },
        },
        finishing: {
          tags: ['busy'],
          invoke: {
            src: 'finishGroup',
            input: ({ context }) => ({ op: context.op, group: context.group!, state: context.runState! }),
            onError: CRASHED,
            onDone: [
              { guard: 'succeeded', target: '#sync.ending' },
              { guard: 'failed', target: '#sync.ending' },
              { target: 'tickDone' },
            ],
          },
        },
        tickDone: {
          entry: 'tickDone',
          always: 'waiting',
        },
      },
    },
    /** A completed attempt: retried when the strategy allows (R61), else the end. */
    ending: {
      always: [
        { guard: 'succeeded', target: 'succeeded' },
        { guard: 'retryAllowed', target: 'retrying', actions: 'scheduleRetry' },
        { guard: 'terminatedWithErrors', target: 'error', actions: 'noteRetries' },
        { target: 'failed', actions: 'noteRetries' },
      ],
    },
    retrying: {
      tags: ['waiting'],
      entry: 'tickDone',
      on: {
        TICK: [
          { guard: 'retryDue', target: 'running', actions: ['startAttempt', 'requestTick'] },
          { actions: 'requeueForRetry' },
        ],
      },
    },
    terminating: {
      tags: ['busy'],
      invoke: { src: 'terminate', input: opInput, onError: CRASHED, onDone: [
        { guard: 'terminatedWithErrors', target: 'error' },
        { target: 'failed' },
      ] },
    },
    succeeded: { type: 'final' },
    failed: { type: 'final' },
    error: { type: 'final' },
  },
})

let made: ReturnType<typeof makeSyncMachine> | undefined

/** The sync machine, built on first use: building its state nodes is a cost a page's start need not pay. */
export function syncMachine(): ReturnType<typeof makeSyncMachine> {
  made ??= makeSyncMachine()
  return made
}
