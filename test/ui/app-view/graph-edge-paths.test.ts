// The graph's edges drawn as one path of curves and one of end dots (a node added moves many edges: one element each
// was restyled and laid out again on every redraw).
import { describe, expect, it } from 'vitest'
import { edgePaths } from '../../../src/ui/app-view/graph-edge-paths.ts'

describe('edgePaths', () => {
  it('draws each edge as a curve from the owner to the owned, and a dot of radius 3 ending at the owned', () => {
    const { curves, dots } = edgePaths([
      { id: 'a>b', x1: 150, y1: 32, x2: 178, y2: 108, gone: false },
      { id: 'a>c', x1: 150, y1: 32, x2: 178, y2: 184, gone: false },
    ])
    expect(curves).toBe('M150,32C164,32 164,108 178,108M150,32C164,32 164,184 178,184')
    expect(dots).toBe('M172,108a3,3 0 1,0 6,0a3,3 0 1,0 -6,0M172,184a3,3 0 1,0 6,0a3,3 0 1,0 -6,0')
  })

  it('draws nothing for no edge', () => {
    expect(edgePaths([])).toEqual({ curves: '', dots: '' })
  })
})
