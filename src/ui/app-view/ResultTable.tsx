// operationState.syncResult.resources as a table (R57): kind, namespace, name, status, hook, message.
import type { ResourceResult } from '../../sync/types.ts'
import { Badge } from './badges.tsx'

export function ResultTable({ resources }: { resources: ResourceResult[] }) {
  if (resources.length === 0) return <p className="muted">No results yet.</p>
  return (
    <table className="results" data-testid="result-table">
      <thead>
        <tr><th>Kind</th><th>Namespace</th><th>Name</th><th>Status</th><th>Hook</th><th>Phase</th><th>Message</th></tr>
      </thead>
      <tbody>
        {resources.map(r => (
          <tr key={`${r.kind}/${r.namespace}/${r.name}/${r.syncPhase}`} data-name={r.name}>
            <td>{r.kind}</td><td>{r.namespace}</td><td>{r.name}</td>
            <td><Badge value={r.status} /></td><td>{r.hookType ?? ''}</td>
            <td><Badge value={r.hookPhase} /></td><td className="message">{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
