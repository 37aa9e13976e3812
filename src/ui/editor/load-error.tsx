// What the editor shows in its place when Monaco's chunk could not load (the network dropped): why, and Retry.
export function EditorLoadError({ error, retry }: { error: string; retry: () => void }) {
  return (
    <span role="alert" data-testid="chunk-error">
      The editor failed to load: {error}.{' '}
      <button type="button" onClick={retry} data-testid="chunk-retry">Retry</button>
    </span>
  )
}
