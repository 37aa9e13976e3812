// Errors the KubeCluster adapter throws: the API server's own (its Status object: reason, code, message) and the
// adapter's refusals to leave its confinement.

export class KubeApiError extends Error {
  constructor(readonly reason: string, readonly code: number, message: string, readonly status?: Record<string, unknown>) {
    super(message)
    this.name = 'KubeApiError'
  }

  static fromStatus(code: number, body: unknown, fallback: string): KubeApiError {
    const s = (typeof body === 'object' && body !== null ? body : {}) as { reason?: unknown; message?: unknown }
    const reason = typeof s.reason === 'string' && s.reason !== '' ? s.reason : reasonFor(code)
    const message = typeof s.message === 'string' && s.message !== '' ? s.message : fallback
    return new KubeApiError(reason, code, message, typeof body === 'object' && body !== null ? body as Record<string, unknown> : undefined)
  }
}

function reasonFor(code: number): string {
  return ({ 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
    409: 'Conflict', 410: 'Expired', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests' } as Record<number, string>)[code] ??
    (code >= 500 ? 'InternalError' : 'Unknown')
}

/** synclab would leave its namespace, touch a cluster-scoped object, or delete what it did not create. */
export class ConfinementError extends Error {
  readonly reason = 'Forbidden'
  readonly code = 403
  constructor(message: string) {
    super(message)
    this.name = 'ConfinementError'
  }
}
