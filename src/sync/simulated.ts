// The simulated cluster behind the sync's Cluster interface. Its answers are immediate; time passes only when
// the clock is stepped.
import type { ApplyOptions } from '../cluster/apply.ts'
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import * as fieldsV1 from '../cluster/fields-v1.ts'
import { serverSideApply } from '../cluster/server-side-apply.ts'
import { SERVER_SIDE_APPLY_MANAGER } from './options/field-manager.ts'
import type { Cluster } from './cluster.ts'

export function simulatedCluster(fake: FakeCluster): Cluster {
  const store = fake.store
  return {
    clock: fake.clock,
    kindInfo: (apiVersion, kind) => store.kinds.lookup(apiVersion, kind),
    servesGroupVersion: apiVersion => store.kinds.all().some(k => (k.group ? `${k.group}/${k.version}` : k.version) === apiVersion),
    get: async ref => store.get(ref),
    list: async () => store.all(),
    // Argo CD's dry run is kubectl's client-side one (R45).
    apply: async (obj, opts = {}) => {
      const fieldValidation = opts.validate === false ? 'Ignore' : 'Strict'
      if (opts.serverSide && !opts.replace) {
        return serverSideApply(store, obj, SERVER_SIDE_APPLY_MANAGER, fieldsV1, { fieldValidation })
      }
      // The options passed on one by one: a rest pattern over them is a slow runtime call, once per applied object.
      const applyOpts: ApplyOptions = { clientSide: true, fieldValidation }
      if (opts.dryRun !== undefined) applyOpts.dryRun = opts.dryRun
      if (opts.replace !== undefined) applyOpts.replace = opts.replace
      if (opts.actionOnly !== undefined) applyOpts.actionOnly = opts.actionOnly
      return fake.apply(obj, applyOpts)
    },
    create: async (obj, opts = {}) => store.create(obj, opts),
    delete: async (ref, opts = {}) => {
      store.delete(ref, opts)
    },
    removeFinalizer: async (ref, finalizer) => {
      store.removeFinalizer(ref, finalizer)
    },
    watch: listener => store.watch(listener),
    // The controller's call blocks while the cluster runs on: the simulated clock is stepped until it is gone.
    waitUntilGone: async (ref, timeoutMs) => {
      const until = fake.now() + timeoutMs
      while (store.get(ref) && (fake.clock.nextAt() ?? Infinity) <= until) fake.step()
      return store.get(ref) === undefined
    },
  }
}
