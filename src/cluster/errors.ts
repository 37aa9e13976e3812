// Errors the simulated API server returns, shaped like Kubernetes' Status objects so that the messages a
// learner sees are the ones a real cluster prints.

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'BadRequest' | 'MethodNotAllowed'

const codes: Record<StatusReason, number> = {
  NotFound: 404, AlreadyExists: 409, Conflict: 409, Invalid: 422, BadRequest: 400, MethodNotAllowed: 405,
}

export class ApiError extends Error {
  readonly code: number
  constructor(readonly reason: StatusReason, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = codes[reason]
  }

  /** The Status object the REST API returns for this error. */
  toStatus(): Record<string, unknown> {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message,
      reason: this.reason, code: this.code }
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'NotFound'
}

export function notFound(resource: string, name: string): ApiError {
  return new ApiError('NotFound', `${resource} "${name}" not found`)
}

export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${resource} "${name}" already exists`)
}

/** `Job.batch "x" is invalid: spec.template: Invalid value: ...: field is immutable` */
export function invalid(kindGroup: string, name: string, causes: string[]): ApiError {
  return new ApiError('Invalid', `${kindGroup} "${name}" is invalid: ${causes.join(', ')}`)
}
