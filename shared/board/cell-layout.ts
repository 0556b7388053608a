/**
 * Where notes are drawn: the one rule every client, the PNG export, the phone form and the
 * reveal share, so that no note is ever drawn over another whatever coordinates were stored.
 *
 * A note in a cell (a stage and a lane that both exist) is drawn in a slot of the cell's grid:
 * the cell's notes in a stable order — by stored position (its slot row, then x, then y), then
 * creation time, then id — fill the slots row by row. Stored coordinates are a wish for a
 * place, not a place: ten notes written at the same spot are drawn in ten slots. A stage is as
 * wide as its fullest cell needs (at least two notes side by side), a lane as tall as its
 * fullest cell's rows (notes with long text are taller: ./note-fit.ts).
 *
 * Loose notes (no cell) keep their own position unless it would cover a note drawn before
 * them; then they are pushed down or right, whichever moves them less (boardLayout, ./layout.ts).
 */
import { fitNoteText, NOTE_HEIGHT, NOTE_WIDTH } from './note-fit'

export const LAYOUT = {
  laneHeaderWidth: 180,
  stageHeaderHeight: 56,
  emotionHeight: 120,
  /** A stage's least width: two notes side by side. */
  columnWidth: 300,
  /** A lane's least height: two rows of standard notes. */
  rowHeight: 210,
  noteWidth: NOTE_WIDTH,
  noteHeight: NOTE_HEIGHT,
} as const

/** Room between notes, and between notes and their cell's edges. */
export const SLOT_GAP = 6
/** Distance between slot columns and (standard) slot rows. */
export const SLOT_PITCH = { x: NOTE_WIDTH + SLOT_GAP, y: NOTE_HEIGHT + SLOT_GAP } as const
/** Most notes side by side in one cell: beyond that a cell grows down. */
export const MAX_SLOT_COLUMNS = 8
const MIN_SLOT_COLUMNS = Math.max(1, Math.floor((LAYOUT.columnWidth - SLOT_GAP) / SLOT_PITCH.x))

/** What the layout reads of a note. */
export interface LayoutNote {
  id: string
  x: number
  y: number
  stageId?: string | undefined
  laneId?: string | undefined
  text: string
  createdAt?: number
}

/** A note as drawn: its rectangle and font size. */
export interface NoteRect {
  x: number
  y: number
  width: number
  height: number
  fontSize: number
}

/** One cell: its notes in slot order and the slot grid they fill (relative to the cell). */
export interface CellGrid {
  stageId: string
  laneId: string
  columns: number
  /** Note ids, slot by slot. */
  order: string[]
  /** Their stored coordinates, slot by slot. */
  stored: Array<{ x: number; y: number }>
  /** Top and height of each slot row, relative to the cell. */
  rowTops: number[]
  rowHeights: number[]
}

export interface CellsLayout {
  stageWidth: Map<string, number>
  laneHeight: Map<string, number>
  /** Cells with notes, by cellKey. */
  cells: Map<string, CellGrid>
  /** Notes in cells, relative to their cell's top-left corner. */
  inCell: Map<string, NoteRect>
  /** Notes in no cell, in their stored order. */
  loose: LayoutNote[]
}

export const cellKey = (stageId: string, laneId: string): string => `${stageId}\n${laneId}`

/** The slot columns a cell of `count` notes wants: about as tall as wide. */
export function columnsFor(count: number): number {
  return Math.max(MIN_SLOT_COLUMNS, Math.min(MAX_SLOT_COLUMNS, Math.ceil(Math.sqrt(0.7 * count))))
}

/** The slot columns of a stage `width` wide. */
export const columnsOfWidth = (width: number): number => Math.max(MIN_SLOT_COLUMNS, Math.floor((width - SLOT_GAP) / SLOT_PITCH.x))

/** Width of a stage whose cells have `columns` slot columns. */
export const stageWidthFor = (columns: number): number => Math.max(LAYOUT.columnWidth, SLOT_GAP + columns * SLOT_PITCH.x)

/**
 * The stored coordinates that ask for the `index`-th slot of a cell with `columns` slot
 * columns (standard rows): what a new note in a cell, a reveal and a drop write.
 */
export function slotCoordinates(index: number, columns: number): { x: number; y: number } {
  return { x: SLOT_GAP + (index % columns) * SLOT_PITCH.x, y: SLOT_GAP + Math.floor(index / columns) * SLOT_PITCH.y }
}

/** The slot row a stored y asks for (standard rows, from the cell's top). */
const slotRow = (y: number) => Math.max(0, Math.round((y - SLOT_GAP) / SLOT_PITCH.y))

/** The order of notes in one cell: stored position (slot row, x, y), creation, id. */
export function compareInCell(a: LayoutNote, b: LayoutNote): number {
  return (
    slotRow(a.y) - slotRow(b.y) ||
    a.x - b.x ||
    a.y - b.y ||
    (a.createdAt ?? 0) - (b.createdAt ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

/**
 * Lays out the notes in cells and sizes every stage and lane. Deterministic: the same stages,
 * lanes and notes (in any order) give the same result on every client.
 */
/**
 * `roomBelow`: height (board units) kept free under the notes of every cell of a lane, by lane
 * id — the page draws something there (the metrics of the Data & metrics lane, issue #12): the
 * lane is at least its notes' height plus that room, and its notes stay above it.
 */
export function layoutCells(stages: readonly { id: string }[], lanes: readonly { id: string }[], notes: readonly LayoutNote[], roomBelow?: ReadonlyMap<string, number>): CellsLayout {
  const stageIds = new Set(stages.map((s) => s.id))
  const laneIds = new Set(lanes.map((l) => l.id))
  const byCell = new Map<string, LayoutNote[]>()
  const loose: LayoutNote[] = []
  for (const note of notes) {
    if (note.stageId !== undefined && note.laneId !== undefined && stageIds.has(note.stageId) && laneIds.has(note.laneId)) {
      const key = cellKey(note.stageId, note.laneId)
      const list = byCell.get(key)
      if (list) list.push(note)
      else byCell.set(key, [note])
    } else loose.push(note)
  }

  // A stage is as wide as its fullest cell wants.
  const stageColumns = new Map<string, number>()
  for (const list of byCell.values()) {
    const stageId = (list[0] as LayoutNote).stageId as string
    stageColumns.set(stageId, Math.max(stageColumns.get(stageId) ?? MIN_SLOT_COLUMNS, columnsFor(list.length)))
  }

  const cells = new Map<string, CellGrid>()
  const inCell = new Map<string, NoteRect>()
  const room = (laneId: string) => roomBelow?.get(laneId) ?? 0
  const laneHeight = new Map<string, number>(lanes.map((l) => [l.id, Math.max(LAYOUT.rowHeight, SLOT_GAP + room(l.id))]))
  for (const [key, list] of byCell) {
    list.sort(compareInCell)
    const first = list[0] as LayoutNote
    const stageId = first.stageId as string
    const laneId = first.laneId as string
    const columns = stageColumns.get(stageId) ?? MIN_SLOT_COLUMNS
    const rowTops: number[] = []
    const rowHeights: number[] = []
    let top = SLOT_GAP
    for (let start = 0; start < list.length; start += columns) {
      let height = 0
      const fits = []
      for (let i = start; i < Math.min(list.length, start + columns); i++) {
        const fit = fitNoteText((list[i] as LayoutNote).text)
        fits.push(fit)
        height = Math.max(height, fit.height)
      }
      fits.forEach((fit, j) => {
        inCell.set((list[start + j] as LayoutNote).id, { x: SLOT_GAP + j * SLOT_PITCH.x, y: top, width: NOTE_WIDTH, height: fit.height, fontSize: fit.fontSize })
      })
      rowTops.push(top)
      rowHeights.push(height)
      top += height + SLOT_GAP
    }
    laneHeight.set(laneId, Math.max(laneHeight.get(laneId) ?? LAYOUT.rowHeight, top + room(laneId)))
    cells.set(key, { stageId, laneId, columns, order: list.map((n) => n.id), stored: list.map((n) => ({ x: n.x, y: n.y })), rowTops, rowHeights })
  }
  const stageWidth = new Map(stages.map((s) => [s.id, stageWidthFor(stageColumns.get(s.id) ?? MIN_SLOT_COLUMNS)]))
  return { stageWidth, laneHeight, cells, inCell, loose }
}

/**
 * The slot a note dropped with its top-left corner at cell point (x, y) takes in `grid` (or an
 * empty cell when undefined): the nearest slot, counted among `count` notes (the cell's notes
 * without the dropped one), so 0 … count.
 */
export function slotIndexAt(grid: CellGrid | undefined, columns: number, count: number, x: number, y: number): number {
  const column = Math.max(0, Math.min(columns - 1, Math.round((x - SLOT_GAP) / SLOT_PITCH.x)))
  const cy = y + NOTE_HEIGHT / 2
  let row = 0
  const tops = grid?.rowTops ?? []
  const heights = grid?.rowHeights ?? []
  while (row < tops.length && cy >= (tops[row] as number) + (heights[row] as number) + SLOT_GAP / 2) row++
  return Math.max(0, Math.min(count, row * columns + column))
}

/** The slot columns of a stage holding `notes` (those of other stages are ignored) and `extra` more in lane `laneId`. */
export function stageColumns(notes: readonly Pick<LayoutNote, 'stageId' | 'laneId'>[], stageId: string, laneId: string, extra = 1): number {
  const counts = new Map<string | undefined, number>([[laneId, extra]])
  for (const note of notes) if (note.stageId === stageId && note.laneId !== undefined) counts.set(note.laneId, (counts.get(note.laneId) ?? 0) + 1)
  return columnsFor(Math.max(...counts.values()))
}

/**
 * Stored coordinates that put a new note after every note of a cell (`inCell`, their stored
 * places) in a stage of `columns` slot columns: the next slot, or the start of the row after
 * the last one asked for when a note already asks for a later place.
 */
export function nextSlot(inCell: readonly { x: number; y: number }[], columns: number): { x: number; y: number } {
  const next = slotCoordinates(inCell.length, columns)
  const after = (a: { x: number; y: number }, b: { x: number; y: number }) => slotRow(a.y) - slotRow(b.y) || a.x - b.x || a.y - b.y
  if (inCell.every((note) => after(note, next) < 0)) return next
  const lastRow = Math.max(...inCell.map((note) => slotRow(note.y)))
  return { x: SLOT_GAP, y: SLOT_GAP + (lastRow + 1) * SLOT_PITCH.y }
}
