// synclab diagnostics -> Monaco marker data.
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../../src/manifest/parse.ts'
import type { Diagnostic } from '../../../src/manifest/types.ts'
import { countByFile, MARKER_OWNER, modelUri, toMarkers } from '../../../src/ui/editor/diagnostic-markers.ts'

const d = (over: Partial<Diagnostic>): Diagnostic => ({ file: 'a.yaml', line: 2, col: 3, endLine: 2, endCol: 9,
  severity: 'error', code: 'missing-kind', message: 'missing kind', ...over })

describe('toMarkers', () => {
  it('keeps 1-based positions and maps severity error -> 8, warning -> 4', () => {
    expect(toMarkers([d({}), d({ severity: 'warning', line: 5, col: 1, endLine: 6, endCol: 4, code: 'w' })], 'a.yaml'))
      .toEqual([
        { startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 9, severity: 8, message: 'missing kind',
          code: 'missing-kind', source: 'synclab' },
        { startLineNumber: 5, startColumn: 1, endLineNumber: 6, endColumn: 4, severity: 4, message: 'missing kind',
          code: 'w', source: 'synclab' },
      ])
    expect(MARKER_OWNER).toBe('synclab')
  })

  it('only takes the diagnostics of the given file', () => {
    expect(toMarkers([d({ file: 'b.yaml' }), d({ code: 'mine' })], 'a.yaml').map(m => m.code)).toEqual(['mine'])
    expect(toMarkers([], 'a.yaml')).toEqual([])
  })

  it('clamps an end before the start, and positions below 1', () => {
    const [m] = toMarkers([d({ line: 3, col: 5, endLine: 3, endCol: 2 })], 'a.yaml')
    expect(m).toMatchObject({ startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 5 })
    const [z] = toMarkers([d({ line: 0, col: 0, endLine: 0, endCol: 0 })], 'a.yaml')
    expect(z).toMatchObject({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 })
  })

  it('converts real reader output', () => {
    const text = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n' +
      '    argocd.argoproj.io/hook: postsync\n'
    const { diagnostics } = parseManifests([{ path: 'hooks/j.yaml', text }])
    const markers = toMarkers(diagnostics, 'hooks/j.yaml')
    expect(markers.length).toBe(diagnostics.length)
    expect(markers.length).toBeGreaterThan(0)
    const hook = markers.find(m => m.message.includes('postsync'))
    expect(hook).toMatchObject({ severity: 4, startLineNumber: 6 })
  })

  it('counts errors and warnings per file', () => {
    const c = countByFile([d({}), d({ severity: 'warning' }), d({ file: 'b.yaml', severity: 'warning' })])
    expect(c.get('a.yaml')).toEqual({ errors: 1, warnings: 1 })
    expect(c.get('b.yaml')).toEqual({ errors: 0, warnings: 1 })
  })
})

describe('modelUri', () => {
  it('is file:///<path>, so the schema fileMatch **/*.yaml applies', () => {
    expect(modelUri('job.yaml')).toBe('file:///job.yaml')
    expect(modelUri('/labs/1/job.yaml')).toBe('file:///labs/1/job.yaml')
    expect(modelUri('my dir/a b.yml')).toBe('file:///my%20dir/a%20b.yml')
  })
})
