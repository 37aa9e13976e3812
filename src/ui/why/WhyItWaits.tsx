// One line that always says what the operation is waiting for and which rule makes it wait; the rule's text on
// a click. The line and the rules load apart (OperationLine.tsx), fetched once the page has rendered: there is no
// operation at the first render, and by the first Sync they are there.
import { lazy, Suspense, useEffect, useState } from 'react'
import type { ShownApp } from '../app-view/shown-app.ts'

let loading: Promise<typeof import('./OperationLine.tsx')> | undefined
const loadLine = () => (loading ??= import('./OperationLine.tsx'))
const OperationLine = lazy(loadLine)

export function WhyItWaits({ shown }: { shown: ShownApp }) {
  const [open, setOpen] = useState<string | undefined>()
  useEffect(() => { void loadLine() }, [])
  const app = shown.app
  const current = app.currentOperation
  if (!current) return null
  return (
    <Suspense fallback={null}>
      <OperationLine key={app.operations.length} shown={shown} actor={current.actor} open={open} setOpen={setOpen} />
    </Suspense>
  )
}
