// A panel that fails to draw (a bug, or a saved state the panel cannot show) shows what failed in its place, with
// "Try again" and, where the page gives one, a way to reset the lab: the rest of the page stays usable, and no
// saved state can ever leave a blank page. Generic: it knows nothing of what it wraps.
import { Component, type ErrorInfo, type ReactNode } from 'react'

export interface PanelBoundaryProps {
  /** What the panel is, as the learner knows it ("Source", "Timeline"…). */
  name: string
  /** Resets what the panel shows (the lab's files and a fresh cluster); the boundary then draws the panel again. */
  onReset?: (() => void | Promise<void>) | undefined
  /** What the reset button says. */
  resetLabel?: string
  children: ReactNode
}

interface State { error: Error | undefined }

export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  override state: State = { error: undefined }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.name} panel failed:`, error, info.componentStack)
  }

  private retry = (): void => this.setState({ error: undefined })

  private reset = async (): Promise<void> => {
    await this.props.onReset?.()
    this.retry()
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <section className="panel panel-failed" role="alert" data-testid="panel-failed" aria-label={`${this.props.name} failed`}>
        <p><strong>The {this.props.name} panel failed:</strong> <code>{error.message}</code></p>
        <p>
          <button onClick={this.retry}>Try again</button>{' '}
          {this.props.onReset ? <button className="danger" onClick={() => void this.reset()} data-testid="panel-reset">
            {this.props.resetLabel ?? 'Reset the lab'}</button> : null}
        </p>
      </section>
    )
  }
}
