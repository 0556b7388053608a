/**
 * Geometry of the journey board: stages are columns, lanes are rows, with a header row of
 * stage titles, an emotion-curve row beneath it, and a header column of lane titles.
 *
 * A note's stored `x`/`y` are relative per axis: `x` is an offset inside its stage's column
 * when it has a (still existing) stageId, else a board coordinate; `y` likewise with its lane.
 * So a note dropped in a cell moves with the cell when stages or lanes are reordered.
 *
 * Stored coordinates are where a note was put; where it is drawn is the layout's answer
 * (boardLayout, with the rule in ./cell-layout.ts): stages and lanes grow to fit their notes,
 * notes in a cell take slots, loose notes are nudged off others. Everything that needs a
 * note's place on the board — canvas, hit testing, drops, the PNG, the list's reading order —
 * asks the layout (noteWorldPosition, noteRect).
 */
import { cellKey, layoutCells, LAYOUT, SLOT_GAP, slotCoordinates, type CellGrid, type LayoutNote, type NoteRect } from './cell-layout'
import { EMOTION_MAX, EMOTION_MIN } from './emotion'
import type { Lane } from './lane'
import { fitNoteText } from './note-fit'
import type { Note } from './note'
import type { Stage } from './stage'

export { LAYOUT, type NoteRect } from './cell-layout'

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
  /** Every laid-out note as drawn, in board coordinates (./cell-layout.ts). */
  notes: Map<string, NoteRect>
  /** The slot grids of cells with notes, by cellKey. */
  cells: Map<string, CellGrid>
}

/**
 * The board's geometry and where every note in `notes` is drawn: stages and lanes grown to fit
 * their cells' notes, every note in a cell in a slot, loose notes nudged off the notes before
 * them. Pass every note shown (a participant's private notes too).
 */
export function boardLayout(
  stages: readonly Pick<Stage, 'id' | 'title'>[],
  lanes: readonly Pick<Lane, 'id' | 'title' | 'kind'>[],
  notes: readonly LayoutNote[] = [],
  /** Room kept free under the notes of every lane of a kind (cell-layout.ts `roomBelow`): the page's metrics of the data lane. */
  roomBelow?: Partial<Record<Lane['kind'], number>>,
): BoardLayout {
  const room = roomBelow && new Map(lanes.flatMap((lane) => (roomBelow[lane.kind] ? [[lane.id, roomBelow[lane.kind] as number] as const] : [])))
  const cellsLayout = layoutCells(stages, lanes, notes, room)
  const stagesLeft = LAYOUT.laneHeaderWidth
  const lanesTop = LAYOUT.stageHeaderHeight + LAYOUT.emotionHeight
  let x = stagesLeft
  const columns = stages.map((stage) => {
    const width = cellsLayout.stageWidth.get(stage.id) ?? LAYOUT.columnWidth
    const column = { id: stage.id, title: stage.title, x, width }
    x += width
    return column
  })
  let y = lanesTop
  const rows = lanes.map((lane) => {
    const height = cellsLayout.laneHeight.get(lane.id) ?? LAYOUT.rowHeight
    const row = { id: lane.id, title: lane.title, kind: lane.kind, y, height }
    y += height
    return row
  })
  const layout: BoardLayout = {
    columns,
    rows,
    lanesTop,
    stagesLeft,
    emotion: { y: LAYOUT.stageHeaderHeight, height: LAYOUT.emotionHeight },
    width: x,
    height: y,
    columnById: new Map(columns.map((c) => [c.id, c])),
    rowById: new Map(rows.map((r) => [r.id, r])),
    notes: new Map(),
    cells: cellsLayout.cells,
  }
  for (const note of notes) {
    const rel = cellsLayout.inCell.get(note.id)
    if (!rel) continue
    const column = layout.columnById.get(note.stageId as string) as Column
    const row = layout.rowById.get(note.laneId as string) as Row
    layout.notes.set(note.id, { x: column.x + rel.x, y: row.y + rel.y, width: rel.width, height: rel.height, fontSize: rel.fontSize })
  }
  if (cellsLayout.loose.length === 0) return layout
  // Loose notes, top to bottom: where they were put, or pushed off the notes placed before
  // (off each cell's block of notes, and off the loose notes before them).
  const placed = new SpatialIndex()
  for (const grid of cellsLayout.cells.values()) {
    const column = layout.columnById.get(grid.stageId) as Column
    const row = layout.rowById.get(grid.laneId) as Row
    const last = grid.rowTops.length - 1
    placed.add({
      x: column.x + SLOT_GAP,
      y: row.y + SLOT_GAP,
      width: Math.min(grid.order.length, grid.columns) * (LAYOUT.noteWidth + SLOT_GAP) - SLOT_GAP,
      height: (grid.rowTops[last] as number) + (grid.rowHeights[last] as number) - SLOT_GAP,
    })
  }
  const loose = cellsLayout.loose
    .map((note) => ({ note, at: storedWorldPosition(layout, note) }))
    .sort((a, b) => a.at.y - b.at.y || a.at.x - b.at.x || (a.note.createdAt ?? 0) - (b.note.createdAt ?? 0) || (a.note.id < b.note.id ? -1 : a.note.id > b.note.id ? 1 : 0))
  for (const { note, at } of loose) {
    const fit = fitNoteText(note.text)
    const rect = nudge(placed, { x: at.x, y: at.y, width: LAYOUT.noteWidth, height: fit.height, fontSize: fit.fontSize })
    layout.notes.set(note.id, rect)
    placed.add(rect)
  }
  return layout
}

/** Whether two layouts draw the same grid (stages, lanes, their titles and sizes). */
export function sameGrid(a: BoardLayout, b: BoardLayout): boolean {
  if (a === b) return true
  if (a.columns.length !== b.columns.length || a.rows.length !== b.rows.length) return false
  for (let i = 0; i < a.columns.length; i++) {
    const p = a.columns[i] as Column
    const q = b.columns[i] as Column
    if (p.id !== q.id || p.title !== q.title || p.x !== q.x || p.width !== q.width) return false
  }
  for (let i = 0; i < a.rows.length; i++) {
    const p = a.rows[i] as Row
    const q = b.rows[i] as Row
    if (p.id !== q.id || p.title !== q.title || p.kind !== q.kind || p.y !== q.y || p.height !== q.height) return false
  }
  return true
}

/** What a note stores of its place. */
export interface StoredPlace {
  x: number
  y: number
  stageId?: string | undefined
  laneId?: string | undefined
}

/** Where a note's stored coordinates put it, before the layout: relative per axis to its stage and lane. */
function storedWorldPosition(layout: BoardLayout, note: StoredPlace): { x: number; y: number } {
  const column = note.stageId === undefined ? undefined : layout.columnById.get(note.stageId)
  const row = note.laneId === undefined ? undefined : layout.rowById.get(note.laneId)
  return { x: column ? column.x + note.x : note.x, y: row ? row.y + note.y : note.y }
}

/**
 * Where a note is drawn, in board coordinates (its top-left corner): its laid-out rectangle, or
 * for a note the layout was not given, where its stored coordinates put it.
 */
export function noteWorldPosition(layout: BoardLayout, note: StoredPlace & { id: string }): { x: number; y: number } {
  const rect = layout.notes.get(note.id)
  return rect ? { x: rect.x, y: rect.y } : storedWorldPosition(layout, note)
}

/** A note's drawn rectangle (a standard note at its stored place when the layout was not given it). */
export function noteRect(layout: BoardLayout, note: StoredPlace & { id: string; text: string }): NoteRect {
  const rect = layout.notes.get(note.id)
  if (rect) return rect
  const fit = fitNoteText(note.text)
  return { ...storedWorldPosition(layout, note), width: LAYOUT.noteWidth, height: fit.height, fontSize: fit.fontSize }
}

/** The slot grid of a cell, if it has notes. */
export const cellGrid = (layout: BoardLayout, stageId: string, laneId: string): CellGrid | undefined => layout.cells.get(cellKey(stageId, laneId))

/** Rectangles in buckets of a coarse grid, for overlap queries. */
class SpatialIndex {
  private static readonly SIZE = 256
  private readonly buckets = new Map<number, Rect[]>()
  private keys(r: Rect): number[] {
    const s = SpatialIndex.SIZE
    const keys = []
    for (let i = Math.floor(r.x / s); i <= Math.floor((r.x + r.width) / s); i++)
      for (let j = Math.floor(r.y / s); j <= Math.floor((r.y + r.height) / s); j++) keys.push(i * 1_000_003 + j)
    return keys
  }
  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const list = this.buckets.get(key)
      if (list) list.push(r)
      else this.buckets.set(key, [r])
    }
  }
  /** The placed rectangles that overlap `r` (with SLOT_GAP of room). */
  hits(r: Rect): Rect[] {
    const probe = { x: r.x - SLOT_GAP + 1, y: r.y - SLOT_GAP + 1, width: r.width + 2 * SLOT_GAP - 2, height: r.height + 2 * SLOT_GAP - 2 }
    const out = new Set<Rect>()
    for (const key of this.keys(probe)) for (const other of this.buckets.get(key) ?? []) if (intersects(probe, other)) out.add(other)
    return [...out]
  }
}

/** `rect`, or the nearer of it pushed down and pushed right until it overlaps nothing placed. */
function nudge(placed: SpatialIndex, rect: NoteRect): NoteRect {
  if (placed.hits(rect).length === 0) return rect
  const push = (axis: 'x' | 'y') => {
    const r = { ...rect }
    for (let i = 0; i < 10_000; i++) {
      const hits = placed.hits(r)
      if (hits.length === 0) break
      r[axis] = Math.max(...hits.map((h) => (axis === 'x' ? h.x + h.width : h.y + h.height))) + SLOT_GAP
    }
    return r
  }
  const down = push('y')
  const right = push('x')
  return right.x - rect.x < down.y - rect.y ? right : down
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

/** Notes that fit side by side in a cell of the least size, and in such a cell. */
export { SLOT_GAP } from './cell-layout'
export const SLOTS_PER_ROW = 2
export const SLOTS_PER_CELL = 4

/** The stored coordinates that ask for the `index`-th slot of a two-column cell. */
export function slotInCell(index: number): { x: number; y: number } {
  return slotCoordinates(index, SLOTS_PER_ROW)
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

/**
 * The rectangle around `notes` (drawn at `positions`, standard notes unless a position has its
 * own size) with `pad` of room; undefined for none.
 */
export function notesBounds(notes: readonly Pick<Note, 'id'>[], positions: Map<string, { x: number; y: number; width?: number; height?: number }>, pad: number): Rect | undefined {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const note of notes) {
    const p = positions.get(note.id)
    if (!p) continue
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x + (p.width ?? LAYOUT.noteWidth))
    y1 = Math.max(y1, p.y + (p.height ?? LAYOUT.noteHeight))
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
