// `kubectl create namespace NAME`: the only thing synclab's kubectl creates.
import { fail, out } from '../common.ts'
import type { CommandResult } from '../types.ts'
import type { KubectlCall } from './call.ts'

export function create(k: KubectlCall, args: string[]): CommandResult {
  const [what, name] = args
  if (what !== 'namespace' && what !== 'ns') {
    return fail(`error: synclab's ${k.tool} create only makes namespaces: ${k.tool} create namespace NAME`)
  }
  if (!name) return fail('error: exactly one NAME is required, got 0')
  if (k.sim.fake.store.namespaceExists(name)) return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists`)
  k.sim.fake.ensureNamespace(name)
  return out([`namespace/${name} created`])
}
