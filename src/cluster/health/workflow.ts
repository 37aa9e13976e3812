// Argo Workflows `Workflow` health, after gitops-engine `health/health_argo.go` (any argoproj.io version).
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, record, str } from './util.ts'

export function getArgoWorkflowHealth(obj: KubeObject): HealthStatus {
  const status = record(obj.status)
  const message = str(status.message)
  switch (str(status.phase)) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message)
    case 'Succeeded':
      return health('Healthy', message)
    case 'Failed':
    case 'Error':
      return health('Degraded', message)
    default:
      return health('Unknown', message)
  }
}
