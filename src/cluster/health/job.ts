// R29 Job health, after gitops-engine `health/health_job.go` (getBatchv1JobHealth).
import type { Job, KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, list, record, str, unsupported, versionIn } from './util.ts'

export function getJobHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('Job', obj)
  const job = obj as Job
  let failed = false
  let failMsg = ''
  let complete = false
  let message = ''
  let suspended = false
  // R29: only the terminal types Failed/Complete/Suspended count; the interim SuccessCriteriaMet/FailureTarget
  // conditions are ignored. Like Go, the condition's status is NOT checked for Failed/Complete, and any Suspended
  // condition (even status False after a resume) counts as "complete"; only Suspended=True makes it Suspended.
  // Later conditions overwrite the message of earlier ones.
  for (const raw of list(record(job.status).conditions)) {
    const c = record(raw)
    switch (c.type) {
      case 'Failed':
        failed = true
        complete = true
        failMsg = str(c.message)
        break
      case 'Complete':
        complete = true
        message = str(c.message)
        break
      case 'Suspended':
        complete = true
        message = str(c.message)
        if (c.status === 'True') suspended = true
        break
    }
  }
  if (!complete) return health('Progressing', message)
  if (failed) return health('Degraded', failMsg) // e.g. "Job has reached the specified backoff limit"
  if (suspended) return health('Suspended', message)
  return health('Healthy', message)
}
