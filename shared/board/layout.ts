/**
 * Geometry of the journey board: stages are columns, lanes are rows, with a header row of
 * stage titles, an emotion-curve row beneath it, and a header column of lane titles.
 *
 * A note's stored `x`/`y` are relative per axis: `x` is an offset inside its stage's column
 * when it has a (still existing) stageId, else a board coordinate; `y` likewise with its lane.
 * So a note dropped in a cell moves with the cell when stages or lanes are reordered.
 */
import { EMOTION_MAX, EMOTION_MIN } from './emotion'
import type { Lane } from './lane'
import type { Note } from './note'
import type { Stage } from './stage'

export const LAYOUT = {
  laneHeaderWidth: 180,
  stageHeaderHeight: 56,
  emotionHeight: 120,
  columnWidth: 300,
  rowHeight: 210,
  noteWidth: 140,
  noteHeight: 96,
} as const

export interface Column {
  id: string
  title: string
  x: number
  width: number
}

export interface Row {
  id: string
  title: string
  kind: Lane['kind']
  y: number
  height: number
}

export interface BoardLayout {
  columns: Column[]
  rows: Row[]
  /** Top of the first lane. */
  lanesTop: number
  /** Left of the first stage. */
  stagesLeft: number
  /** The emotion row, between the stage headers and the lanes. */
  emotion: { y: number; height: number }
  width: number
  height: number
  columnById: Map<string, Column>
  rowById: Map<string, Row>
}

export function boardLayout(stages: readonly Stage[], lanes: readonly Lane[]): BoardLayout {
  const stagesLeft = LAYOUT.laneHeaderWidth
  const lanesTop = LAYOUT.stageHeaderHeight + LAYOUT.emotionHeight
  const columns = stages.map((stage, i) => ({
    id: stage.id,
    title: stage.title,
    x: stagesLeft + i * LAYOUT.columnWidth,
    width: LAYOUT.columnWidth,
  }))
  const rows = lanes.map((lane, i) => ({
    id: lane.id,
    title: lane.title,
    kind: lane.kind,
    y: lanesTop + i * LAYOUT.rowHeight,
    height: LAYOUT.rowHeight,
  }))
  return {
    columns,
    rows,
    lanesTop,
    stagesLeft,
    emotion: { y: LAYOUT.stageHeaderHeight, height: LAYOUT.emotionHeight },
    width: stagesLeft + columns.length * LAYOUT.columnWidth,
    height: lanesTop + rows.length * LAYOUT.rowHeight,
    columnById: new Map(columns.map((c) => [c.id, c])),
    rowById: new Map(rows.map((r) => [r.id, r])),
  }
}

/** Where a note is drawn, in board coordinates (its top-left corner). */
export function noteWorldPosition(layout: BoardLayout, note: Pick<Note, 'x' | 'y' | 'stageId' | 'laneId'>): { x: number; y: number } {
  const column = note.stageId === undefined ? undefined : layout.columnById.get(note.stageId)
  const row = note.laneId === undefined ? undefined : layout.rowById.get(note.laneId)
  return { x: column ? column.x + note.x : note.x, y: row ? row.y + note.y : note.y }
}

/** The cell containing a board point, if any. */
export function cellAt(layout: BoardLayout, x: number, y: number): { stageId: string; laneId: string } | undefined {
  const column = layout.columns.find((c) => x >= c.x && x < c.x + c.width)
  const row = layout.rows.find((r) => y >= r.y && y < r.y + r.height)
  return column && row ? { stageId: column.id, laneId: row.id } : undefined
}

export interface Placement {
  x: number
  y: number
  stageId: string | null
  laneId: string | null
}

/**
 * What to store for a note whose top-left corner is dropped at board point (x, y): the cell
 * under the note's centre, with the offset kept inside it, or free board coordinates.
 */
export function placementForDrop(layout: BoardLayout, x: number, y: number): Placement {
  const cell = cellAt(layout, x + LAYOUT.noteWidth / 2, y + LAYOUT.noteHeight / 2)
  if (!cell) return { x: Math.round(x), y: Math.round(y), stageId: null, laneId: null }
  const column = layout.columnById.get(cell.stageId) as Column
  const row = layout.rowById.get(cell.laneId) as Row
  const clamp = (value: number, max: number) => Math.round(Math.max(0, Math.min(max, value)))
  return {
    x: clamp(x - column.x, column.width - LAYOUT.noteWidth),
    y: clamp(y - row.y, row.height - LAYOUT.noteHeight),
    stageId: cell.stageId,
    laneId: cell.laneId,
  }
}

/** Notes that fit side by side in one cell. */
export const SLOT_GAP = 6
export const SLOTS_PER_ROW = Math.max(1, Math.floor((LAYOUT.columnWidth - SLOT_GAP) / (LAYOUT.noteWidth + SLOT_GAP)))
export const SLOTS_PER_CELL = SLOTS_PER_ROW * Math.max(1, Math.floor((LAYOUT.rowHeight - SLOT_GAP) / (LAYOUT.noteHeight + SLOT_GAP)))

/** A spot for the `index`-th note in a cell: tiled, then stacked with a small offset. */
export function slotInCell(index: number): { x: number; y: number } {
  const i = index % SLOTS_PER_CELL
  const layer = Math.floor(index / SLOTS_PER_CELL) % 4
  return {
    x: SLOT_GAP + (i % SLOTS_PER_ROW) * (LAYOUT.noteWidth + SLOT_GAP) + layer * 8,
    y: SLOT_GAP + Math.floor(i / SLOTS_PER_ROW) * (LAYOUT.noteHeight + SLOT_GAP) + layer * 8,
  }
}

/** The y of an emotion value (−2 … +2) inside the emotion row. */
export function emotionY(layout: BoardLayout, value: number): number {
  const { y, height } = layout.emotion
  const pad = 16
  const t = (value - EMOTION_MIN) / (EMOTION_MAX - EMOTION_MIN)
  return y + height - pad - t * (height - 2 * pad)
}

/** The emotion value (rounded to a whole step) for a y inside the emotion row. */
export function emotionAt(layout: BoardLayout, y: number): number {
  const { y: top, height } = layout.emotion
  const pad = 16
  const t = (top + height - pad - y) / (height - 2 * pad)
  return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round(EMOTION_MIN + t * (EMOTION_MAX - EMOTION_MIN))))
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The rectangle around `notes` (drawn at `positions`) with `pad` of room; undefined for none. */
export function notesBounds(notes: readonly Pick<Note, 'id'>[], positions: Map<string, { x: number; y: number }>, pad: number): Rect | undefined {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const note of notes) {
    const p = positions.get(note.id)
    if (!p) continue
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x + LAYOUT.noteWidth)
    y1 = Math.max(y1, p.y + LAYOUT.noteHeight)
  }
  return x0 === Infinity ? undefined : { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad }
}

/** The board rectangle that fills a viewport of `width`×`height` pixels with a margin. */
export function fitViewport(
  content: Rect,
  width: number,
  height: number,
  margin = 24,
): { x: number; y: number; scale: number } {
  const scale = Math.max(0.1, Math.min(2, Math.min((width - 2 * margin) / Math.max(1, content.width), (height - 2 * margin) / Math.max(1, content.height))))
  return {
    scale,
    x: margin - content.x * scale + (width - 2 * margin - content.width * scale) / 2,
    y: margin - content.y * scale,
  }
}

/** Zooms by `factor` keeping board point under screen point (px, py) fixed. */
export function zoomAt(
  view: { x: number; y: number; scale: number },
  px: number,
  py: number,
  factor: number,
  limits = { min: 0.1, max: 4 },
): { x: number; y: number; scale: number } {
  const scale = Math.max(limits.min, Math.min(limits.max, view.scale * factor))
  const bx = (px - view.x) / view.scale
  const by = (py - view.y) / view.scale
  return { scale, x: px - bx * scale, y: py - by * scale }
}
