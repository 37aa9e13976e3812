// Errors the simulated API server returns, shaped like Kubernetes' Status objects so that the messages a
// learner sees are the ones a real cluster prints.

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'BadRequest' | 'MethodNotAllowed' |
  'InternalError' | 'Forbidden'

const codes: Record<StatusReason, number> = {
  NotFound: 404, AlreadyExists: 409, Conflict: 409, Invalid: 422, BadRequest: 400, MethodNotAllowed: 405,
  InternalError: 500, Forbidden: 403,
}

/** A Status's details: what kubectl prints an Invalid error from ("The Job "x" is invalid: …"). */
export interface StatusDetails {
  name: string
  group: string
  kind: string
  causes?: Array<{ reason: string; message: string; field: string }>
}

export class ApiError extends Error {
  readonly code: number
  constructor(readonly reason: StatusReason, message: string, readonly details?: StatusDetails) {
    super(message)
    this.name = 'ApiError'
    this.code = codes[reason]
  }

  /** The Status object the REST API returns for this error. */
  toStatus(): Record<string, unknown> {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message,
      reason: this.reason, ...(this.details ? { details: this.details } : {}), code: this.code }
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
  const [kind, ...group] = kindGroup.split('.')
  return new ApiError('Invalid', `${kindGroup} "${name}" is invalid: ${causes.join(', ')}`, {
    name, group: group.join('.'), kind: kind ?? '',
    causes: causes.map(c => {
      const colon = c.indexOf(': ')
      return { reason: /immutable|Invalid value/.test(c) ? 'FieldValueInvalid' : 'FieldValueRequired',
        field: colon > 0 ? c.slice(0, colon) : '', message: colon > 0 ? c.slice(colon + 2) : c }
    }),
  })
}

/** etcd refuses an object over its request size limit; the API server passes its words on. */
export function etcdTooLarge(): ApiError {
  return new ApiError('InternalError', 'etcdserver: request is too large')
}
