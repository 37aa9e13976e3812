// Before every test file: the command model (src/cluster/command-model.ts), which the page loads apart, so that tests
// can run a FakeCluster's clock directly.
import { loadCommandModel } from '../src/cluster/command-model.ts'

await loadCommandModel()
