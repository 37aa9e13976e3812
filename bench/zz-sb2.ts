import { benchSyncApp } from '/work/main/bench/sync-app.ts'
await benchSyncApp(1000)
console.log(await benchSyncApp(10000))
