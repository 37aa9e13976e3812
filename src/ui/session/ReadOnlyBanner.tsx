// Shown while another tab edits this lab (tab-lease.ts): this tab shows the lab but changes nothing, until it takes
// over (it then reads the other tab's latest work) or the other tab closes.
export function ReadOnlyBanner({ onTakeOver }: { onTakeOver: () => void }) {
  return (
    <div className="read-only-banner" role="alert" data-testid="read-only-banner">
      This lab is open in another tab: editing here is off.{' '}
      <button onClick={onTakeOver} data-testid="take-over">Take over</button>
      <span className="muted"> (this tab then continues from that tab's work, and that tab stops editing)</span>
    </div>
  )
}
