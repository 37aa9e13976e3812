// One line that always says what the operation is waiting for and which rule makes it wait; the rule's text on
// a click. The line and the rules load apart (OperationLine.tsx), fetched once the page has rendered: there is no
// operation at the first render, and by the first Sync they are there.
import { Suspense, useEffect, useState } from 'react'
import { ChunkBoundary, lazyRetry, loadOnce } from '../chunks/lazy-retry.tsx'
import type { ShownApp } from '../app-view/shown-app.ts'

const loadLine = loadOnce(() => import('./OperationLine.tsx'))
const OperationLine = lazyRetry(loadLine)

export function WhyItWaits({ shown }: { shown: ShownApp }) {
  const [open, setOpen] = useState<string | undefined>()
  useEffect(() => { void loadLine() }, [])
  const app = shown.app
  const current = app.currentOperation
  if (!current) return null
  return (
    <ChunkBoundary what="why the operation waits"><Suspense fallback={null}>
      <OperationLine key={app.operations.length} shown={shown} actor={current.actor} open={open} setOpen={setOpen} />
    </Suspense></ChunkBoundary>
  )
}
