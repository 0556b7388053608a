/**
 * Copy, paste and duplicate of notes. A copy goes to the system clipboard as text (one note a
 * line, so it pastes into a document or a chat) and, as notes, to a custom clipboard type and to
 * memory here; a paste makes new notes — ours, in the current phase, out of any cluster — with
 * the copied text, kind and colour. Pasted text from elsewhere becomes one note a line.
 *
 * Where pasted notes go: into the cell under the pointer (its next free slots), or at the
 * pointer keeping their arrangement outside the cells; without a pointer on the board, beside
 * the originals (the next free slots of their own cells). Duplicate is copy + paste beside.
 */
import {
  cellAt,
  LAYOUT,
  noteWorldPosition,
  placementForDrop,
  slotInCell,
  type BoardLayout,
  type Placement,
} from '../../../../shared/board/layout'
import { NOTE_COLORS, NOTE_KINDS, type Note, type NoteColor, type NoteKind } from '../../../../shared/board/note'
import { LIMITS } from '../../../../shared/limits'

export const NOTES_MIME = 'application/x-horizon-notes+json'
/** Text pasted from elsewhere makes at most this many notes. */
export const MAX_PASTED_NOTES = 50

export interface CopiedNote {
  text: string
  kind: NoteKind
  color: NoteColor
  /** Where the original was drawn (board coordinates) and its cell, if any. */
  x: number
  y: number
  stageId?: string | undefined
  laneId?: string | undefined
}

export interface Copied {
  notes: CopiedNote[]
  /** The plain text put on the system clipboard with them. */
  text: string
}

export function copyOf(notes: readonly Note[], layout: BoardLayout): Copied {
  const copied = notes.map((n) => {
    const p = noteWorldPosition(layout, n)
    return { text: n.text, kind: n.kind, color: n.color, x: p.x, y: p.y, stageId: n.stageId, laneId: n.laneId }
  })
  return { notes: copied, text: clipboardText(copied) }
}

/** One note a line; a note's own line breaks become spaces. */
export function clipboardText(notes: readonly Pick<CopiedNote, 'text'>[]): string {
  return notes.map((n) => n.text.replace(/\s*\n\s*/g, ' ').trim()).join('\n')
}

/** Notes read back from the custom clipboard type; anything malformed is dropped. */
export function parseCopied(json: string): CopiedNote[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.flatMap((raw: unknown): CopiedNote[] => {
    if (typeof raw !== 'object' || raw === null) return []
    const r = raw as Record<string, unknown>
    if (typeof r.text !== 'string' || typeof r.x !== 'number' || typeof r.y !== 'number') return []
    return [
      {
        text: r.text.slice(0, LIMITS.noteText),
        kind: (NOTE_KINDS as readonly unknown[]).includes(r.kind) ? (r.kind as NoteKind) : 'note',
        color: (NOTE_COLORS as readonly unknown[]).includes(r.color) ? (r.color as NoteColor) : 'yellow',
        x: r.x,
        y: r.y,
        stageId: typeof r.stageId === 'string' ? r.stageId : undefined,
        laneId: typeof r.laneId === 'string' ? r.laneId : undefined,
      },
    ]
  })
}

/** Plain text from elsewhere: one note a non-empty line. */
export function notesFromText(text: string, at: { x: number; y: number }): CopiedNote[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, MAX_PASTED_NOTES)
    .map((line, i) => ({ text: line.slice(0, LIMITS.noteText), kind: 'note' as const, color: 'yellow' as const, x: at.x + (i % 4) * 24, y: at.y + (i % 4) * 24 }))
}

/**
 * Where each pasted note goes. `target`: the board point under the pointer, or undefined to
 * paste beside the originals. `occupied(stageId, laneId)`: notes already in a cell.
 */
export function pastePlacements(
  layout: BoardLayout,
  copied: readonly CopiedNote[],
  target: { x: number; y: number } | undefined,
  occupied: (stageId: string, laneId: string) => number,
): Placement[] {
  const taken = new Map<string, number>()
  const nextSlot = (stageId: string, laneId: string): Placement => {
    const key = `${stageId}\u0000${laneId}`
    const used = taken.get(key) ?? occupied(stageId, laneId)
    taken.set(key, used + 1)
    return { ...slotInCell(used), stageId, laneId }
  }
  if (target) {
    const cell = cellAt(layout, target.x, target.y)
    if (cell) return copied.map(() => nextSlot(cell.stageId, cell.laneId))
    // Outside the cells: the group keeps its arrangement, its top-left at the pointer.
    const left = Math.min(...copied.map((n) => n.x))
    const top = Math.min(...copied.map((n) => n.y))
    return copied.map((n) => placementForDrop(layout, target.x + n.x - left, target.y + n.y - top))
  }
  return copied.map((n) => {
    const inCell = n.stageId !== undefined && n.laneId !== undefined && layout.columnById.has(n.stageId) && layout.rowById.has(n.laneId)
    if (inCell) return nextSlot(n.stageId as string, n.laneId as string)
    return placementForDrop(layout, n.x + LAYOUT.noteWidth / 6, n.y + LAYOUT.noteHeight / 4)
  })
}
