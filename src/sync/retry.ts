// R61: a failed operation is retried when its retry strategy allows, after duration × factor^N (capped).
import type { RetryStrategy } from './operation.ts'

export const DEFAULT_RETRY_BACKOFF = { durationMs: 5_000, factor: 2, maxDurationMs: 180_000 }

export function retryAllowed(retry: RetryStrategy | undefined, retryCount: number): boolean {
  return retry !== undefined && (retry.limit < 0 || retryCount < retry.limit)
}

/** Argo CD's RetryStrategy.NextRetryAt. */
export function nextRetryAt(retry: RetryStrategy, lastAttempt: number, retryCount: number): number {
  const duration = retry.backoff?.durationMs ?? DEFAULT_RETRY_BACKOFF.durationMs
  const factor = retry.backoff?.factor ?? DEFAULT_RETRY_BACKOFF.factor
  const max = retry.backoff?.maxDurationMs ?? DEFAULT_RETRY_BACKOFF.maxDurationMs
  let wait = duration * factor ** retryCount
  if (max > 0) wait = Math.min(max, wait)
  return lastAttempt + wait
}

/** Go's time.Kitchen layout ("3:04PM"), as the retry message shows the time. */
export function kitchenTime(epochMs: number): string {
  const d = new Date(epochMs)
  const h = d.getUTCHours()
  return `${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`
}
