// Health vocabulary of gitops-engine `pkg/health/health.go` (HealthStatusCode, HealthStatus).

export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown'

export interface HealthStatus {
  status: HealthStatusCode
  /** Omitted when empty, like the Go struct's `json:"message,omitempty"`. */
  message?: string
}
