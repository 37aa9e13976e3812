// Sizes of the timeline chart (px), shared by its parts.
import type { Lane } from './model.ts'

export const LABEL_W = 230
export const AXIS_H = 20
export const OPS_H = 18
export const BAND_H = 20
export const HEADER_H = AXIS_H + OPS_H + BAND_H
export const LANE_BASE = 28
export const POD_ROW = 18
export const POD_BAR = 14
export const LANE_PAD = 6
/** Room left of time 0 for markers drawn there. */
export const PAD_LEFT = 12
/**
 * Lanes per chunk: the chart is a stack of chunks that the browser skips while off-screen, so a redraw lays out
 * and paints only the few chunks in view (one SVG for 200 lanes was re-laid out and repainted whole).
 */
export const CHUNK_LANES = 16
/**
 * The chart's width grows in steps of this many px: its SVGs keep their size (no re-layout) between steps, and
 * following "now" scrolls the pane every quarter of its width rather than on every redraw at the chart's end.
 */
export const WIDTH_STEP = 512

export function laneHeight(lane: Lane): number {
  return LANE_BASE + lane.podRows * POD_ROW + LANE_PAD
}
