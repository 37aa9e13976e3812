// `kubectl get TYPE -w` / `--watch-only`: the table, then a row whenever an object's row changes or it goes, aligned
// as kubectl's watch printer keeps its column widths.
import { kubectlKindName } from '../../cluster/kinds.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { matchesSelector, rememberingTable } from '../common.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult, CommandWatch } from '../types.ts'
import { type KubectlCall, listObjects, noResources } from './call.ts'
import { columnsFor } from './columns.ts'
import type { TypeRef } from './resource-types.ts'
import { clusterEvents, eventRows, type TableOpts, tableRows } from './table.ts'

/** `kubectl get TYPE -w`: the table, then a line whenever an object's row changes or it goes. */
export function watchGet(k: KubectlCall, type: TypeRef, names: string[], allNs: boolean, output: string | undefined): CommandResult {
  const watch: CommandWatch = {
    start(emit, done) {
      void done
      const fake = k.sim.fake
      let headerShown = false
      const table = rememberingTable()
      const opts: TableOpts = { allNs, wide: output === 'wide', showLabels: bool(k.flags, 'show-labels'), prefix: undefined,
        headers: false }
      const print = (rows: string[][], header: string[]) => {
        if (!headerShown && output !== 'name') {
          headerShown = true
          rows = [header, ...rows]
        }
        for (const l of table(rows)) emit(l)
      }
      if (type.kind === 'Event') {
        let seen = 0
        const header = eventRows(k, allNs, [], 0, true)[0]!
        const poll = () => {
          const evs = clusterEvents(k, allNs)
          if (evs.length <= seen) return
          const fresh = evs.slice(seen)
          seen = evs.length
          for (const e of fresh) print(eventRows(k, allNs, [e], fake.now(), false), header)
        }
        if (bool(k.flags, 'watch-only')) seen = clusterEvents(k, allNs).length
        else poll()
        const offs = [fake.store.watch(() => poll()), ...(k.ctx.onTime ? [k.ctx.onTime(poll)] : [])]
        return () => offs.forEach(off => off())
      }
      if (!('info' in type)) return () => {}
      const info = type.info
      const selector = str(k.flags, 'selector')
      const header = tableRows(info.kind, [], 0, { ...opts, headers: true })[0]!
      const matches = (obj: KubeObject) =>
        obj.kind === info.kind && (!info.namespaced || allNs || obj.metadata.namespace === k.namespace) &&
        (names.length === 0 || names.includes(obj.metadata.name ?? '')) &&
        (selector === undefined || matchesSelector(obj.metadata.labels, selector))
      const last = new Map<string, string>()
      const rowOf = (obj: KubeObject) => tableRows(info.kind, [obj], fake.now(), opts)[0]!
      /** The row without AGE (and the RESTARTS age): what counts as a change. */
      const signature = (obj: KubeObject) => {
        const cols = columnsFor(info.kind, false)
        const cells = cols.row(obj, 0)
        const ageAt = cols.header.indexOf('AGE')
        return cells.filter((_, i) => i !== ageAt).join('\u0000').replace(/ \(\S+ ago\)/, '') +
          (obj.metadata.deletionTimestamp ? '\u0000deleting' : '')
      }
      const emitRow = (obj: KubeObject) => {
        if (output === 'name') print([[`${kubectlKindName(info)}/${obj.metadata.name ?? ''}`]], header)
        else print([rowOf(obj)], header)
      }
      const initial = listObjects(k, info, allNs).filter(matches)
      for (const obj of initial) last.set(obj.metadata.uid ?? '', signature(obj))
      if (!bool(k.flags, 'watch-only')) {
        if (initial.length > 0) {
          if (output === 'name') print(initial.map(o => [`${kubectlKindName(info)}/${o.metadata.name ?? ''}`]), header)
          else print(initial.map(rowOf), header)
        } else if (names.length === 0) emit(noResources(k, allNs, info.namespaced))
      }
      const off = fake.store.watch(e => {
        const obj = e.object
        if (!matches(obj)) return
        const uid = obj.metadata.uid ?? ''
        if (e.type === 'DELETED') {
          last.delete(uid)
          emitRow(obj)
          return
        }
        const sig = signature(obj)
        if (last.get(uid) === sig) return
        last.set(uid, sig)
        emitRow(obj)
      }, [info.kind])
      return off
    },
  }
  k.ctx.onActivity?.('watch')
  return { lines: [], exitCode: 0, watch }
}
