// `synclab lab check <dir>... --watch`: checks the labs, then again each time a file in their folders is saved
// (changes within 200 ms make one run), until interrupted (Ctrl+C) or `signal` aborts.
import { watch } from 'node:fs'

export async function watchAndRun(dirs: readonly string[], runOnce: () => Promise<number>,
  print: (line: string) => void, signal?: AbortSignal): Promise<number> {
  let status = await runOnce()
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> = Promise.resolve()
  const changed: string[] = []
  const again = () => {
    timer = undefined
    const files = [...new Set(changed.splice(0))]
    running = running.then(async () => {
      print(`\n--- ${files.join(', ')} changed: checking again`)
      status = await runOnce()
    })
  }
  const watchers = dirs.map(dir => watch(dir, { recursive: true, signal }, (_event, file) => {
    changed.push(file ? `${dir.replace(/\/+$/, '')}/${String(file)}` : dir)
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(again, 200)
  }))
  print(`watching ${dirs.join(', ')} (Ctrl+C stops)`)
  await new Promise<void>(resolve => {
    if (signal?.aborted) return resolve()
    signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  if (timer !== undefined) clearTimeout(timer)
  for (const w of watchers) w.close()
  await running
  return status
}
