// `kubectl api-resources`: the kinds the simulated API server serves, with their short names.
import type { Simulation } from '../../sync/simulation.ts'
import { kubectlTable, out } from '../common.ts'
import type { CommandResult } from '../types.ts'
import { SHORT_NAMES } from './resource-types.ts'

export function apiResources(sim: Simulation): CommandResult {
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']]
  const shorts = (kind: string) => Object.entries(SHORT_NAMES).filter(([, v]) => v === kind).map(([s]) => s).join(',')
  for (const info of sim.fake.store.kinds.all().sort((a, b) => a.plural.localeCompare(b.plural))) {
    rows.push([info.plural, shorts(info.kind), info.group ? `${info.group}/${info.version}` : info.version,
      String(info.namespaced), info.kind])
  }
  return out(kubectlTable(rows))
}
