/**
 * What the board screens read from the documents, and the few actions that combine shared
 * mutations with layout (where a new note goes, what a drop or an arrow key writes).
 */
import { useMemo } from 'react'
import * as Y from 'yjs'
import { readControl } from '../../../shared/facilitation/control'
import { columnsFor, columnsOfWidth, nextSlot, slotCoordinates, slotIndexAt, stageColumns } from '../../../shared/board/cell-layout'
import { boardLayout, cellGrid, noteRect, noteWorldPosition, placementForDrop, type BoardLayout, type Placement } from '../../../shared/board/layout'
import { defaultNoteKind } from '../../../shared/facilitation/phases'
import { docAccess, type Role } from '../../../shared/roles'
import { listClusters } from '../../../shared/board/cluster'
import { readEmotions } from '../../../shared/board/emotion'
import { listLanes, type LaneKind } from '../../../shared/board/lane'
import { addNote, listNotes, moveNote, type Note } from '../../../shared/board/note'
import { readPeople } from '../../../shared/board/person'
import { listStages } from '../../../shared/board/stage'
import type { Phase } from '../../../shared/facilitation/phase-names'
import { useDocSelector } from '../sync/docHooks'
import { writeAnonymously } from './ownNotes'

const NO_DOC = new Y.Doc()

/**
 * Where notes live: the board, and this person's private document (private writing). Note
 * actions go to the document that holds the note; new notes go to `write`.
 */
export interface NoteDocs {
  board: Y.Doc
  private: Y.Doc | undefined
  /** Where a new note goes: the private document while private writing is on. */
  write: Y.Doc
  docOf(noteId: string): Y.Doc
  isPrivate(noteId: string): boolean
}

/** `roomBelow`: room the page keeps under the notes of lanes of a kind (the data lane's metrics, issue #12). */
export function useBoardModel(board: Y.Doc, control: Y.Doc, role: Role, privateDoc?: Y.Doc, roomBelow?: Partial<Record<LaneKind, number>>) {
  const stages = useDocSelector(board, listStages)
  const lanes = useDocSelector(board, listLanes)
  const boardNotes = useDocSelector(board, listNotes)
  const privateNotes = useDocSelector(privateDoc ?? NO_DOC, listNotes)
  const clusters = useDocSelector(board, listClusters)
  const emotions = useDocSelector(board, (d) => Object.fromEntries(readEmotions(d)) as Record<string, number>)
  const controlState = useDocSelector(control, readControl)
  const people = useDocSelector(board, (d) => Object.fromEntries(readPeople(d)) as Record<string, string>)
  const canEdit = docAccess(role, 'board', { locked: controlState.locked }) === 'write'
  const notes = useMemo(() => (privateNotes.length === 0 ? boardNotes : [...boardNotes, ...privateNotes]), [boardNotes, privateNotes])
  // Where every note shown is drawn, and the stages and lanes grown to fit them: recomputed
  // when a note changes (a few milliseconds for 2,000 notes: `npm run bench -- --only layout`).
  const dataRoom = roomBelow?.data
  const layout = useMemo(() => boardLayout(stages, lanes, notes, dataRoom === undefined ? undefined : { data: dataRoom }), [stages, lanes, notes, dataRoom])
  const docs = useMemo<NoteDocs>(() => {
    const privateIds = new Set(privateNotes.map((n) => n.id))
    return {
      board,
      private: privateDoc,
      write: controlState.privateMode && privateDoc ? privateDoc : board,
      docOf: (id) => (privateDoc && privateIds.has(id) ? privateDoc : board),
      isPrivate: (id) => privateIds.has(id),
    }
  }, [board, privateDoc, privateNotes, controlState.privateMode])
  return { stages, lanes, notes, clusters, emotions, people, control: controlState, layout, canEdit, docs }
}

/** Adds a note with its top-left at board point (x, y), in the cell there if any. */
export function addNoteAt(board: Y.Doc, layout: BoardLayout, x: number, y: number, authorId: string | undefined, phase: Phase): string {
  const placement = placementForDrop(layout, x, y)
  const laneKind = placement.laneId === null ? undefined : layout.rowById.get(placement.laneId)?.kind
  return authored(board, authorId, () => addNote(board, {
    kind: defaultNoteKind(phase, laneKind),
    x: placement.x,
    y: placement.y,
    ...(placement.stageId !== null && { stageId: placement.stageId }),
    ...(placement.laneId !== null && { laneId: placement.laneId }),
    ...(authorId !== undefined && { authorId }),
    phase,
  }))
}

/** Writes as ourselves, or — for a note without author (anonymous mode) — anonymously. */
export function authored<T>(doc: Y.Doc, authorId: string | undefined, write: () => T): T {
  return authorId === undefined ? writeAnonymously(doc, write) : write()
}

/**
 * Adds a note in a cell, after the notes already there among `notes` (all notes shown, private
 * ones included), into `target` (the board, or the private document); lanes are read from
 * `board`. The layout draws it in the next free slot whatever anyone else writes meanwhile.
 */
export function addNoteInCell(
  target: Y.Doc,
  board: Y.Doc,
  notes: readonly Note[],
  cell: { stageId: string; laneId: string },
  authorId: string | undefined,
  phase: Phase,
  text = '',
): string {
  const { stageId, laneId } = cell
  const slot = nextSlot(
    notes.filter((n) => n.stageId === stageId && n.laneId === laneId),
    stageColumns(notes, stageId, laneId),
  )
  const laneKind = listLanes(board).find((l) => l.id === laneId)?.kind
  return authored(target, authorId, () => addNote(target, { kind: defaultNoteKind(phase, laneKind), x: slot.x, y: slot.y, stageId, laneId, ...(authorId !== undefined && { authorId }), phase, text }))
}

/**
 * Moves notes by (dx, dy) on the board, as drawn by `layout`: one transaction per document
 * they live in (`docOf`, for private notes; the board by default), on drop.
 *
 * A note that lands in a cell takes the slot nearest to where it landed — dropped onto another
 * note it goes beside it — and the notes of that cell get the stored places of their new slots.
 * A note that stays in its own slot keeps the place it was put at (an arrow key's small step:
 * the next step sees it stuck and carries it into the next cell). Elsewhere it keeps the point
 * where it landed.
 */
export function moveNotesBy(board: Y.Doc, layout: BoardLayout, notes: readonly Note[], dx: number, dy: number, docOf: (id: string) => Y.Doc = () => board): void {
  const writes = new Map<string, Placement>()
  const stored = new Map<string, { x: number; y: number; stageId: string | null; laneId: string | null }>()
  // Working slot orders of the cells touched, by cell.
  const orders = new Map<string, { stageId: string; laneId: string; ids: string[]; dirty: boolean }>()
  const orderOf = (stageId: string, laneId: string) => {
    const key = `${stageId}\n${laneId}`
    let order = orders.get(key)
    if (!order) {
      const grid = cellGrid(layout, stageId, laneId)
      order = { stageId, laneId, ids: grid ? [...grid.order] : [], dirty: false }
      grid?.order.forEach((id, i) => stored.set(id, { ...(grid.stored[i] as { x: number; y: number }), stageId, laneId }))
      orders.set(key, order)
    }
    return order
  }
  // Top to bottom, left to right, so that notes moved together keep their order.
  const moving = notes.map((note) => ({ note, from: noteRect(layout, note) })).sort((a, b) => a.from.y - b.from.y || a.from.x - b.from.x)
  for (const { note, from } of moving) {
    const drop = placementForDrop(layout, from.x + dx, from.y + dy)
    let index = -1
    if (note.stageId !== undefined && note.laneId !== undefined && cellGrid(layout, note.stageId, note.laneId)?.order.includes(note.id)) {
      const own = orderOf(note.stageId, note.laneId)
      index = own.ids.indexOf(note.id)
      if (index >= 0) own.ids.splice(index, 1)
    }
    if (drop.stageId === null || drop.laneId === null) {
      writes.set(note.id, drop)
      continue
    }
    const column = layout.columnById.get(drop.stageId)
    const row = layout.rowById.get(drop.laneId)
    if (!column || !row) continue
    const target = orderOf(drop.stageId, drop.laneId)
    const grid = cellGrid(layout, drop.stageId, drop.laneId)
    const columns = grid?.columns ?? columnsOfWidth(column.width)
    const slot = slotIndexAt(grid, columns, target.ids.length, from.x + dx - column.x, from.y + dy - row.y)
    target.ids.splice(slot, 0, note.id)
    const stays = slot === index && note.stageId === drop.stageId && note.laneId === drop.laneId
    if (stays) {
      if (dx !== 0 || dy !== 0) writes.set(note.id, drop)
    } else {
      target.dirty = true
      stored.set(note.id, { x: note.x, y: note.y, stageId: note.stageId ?? null, laneId: note.laneId ?? null })
    }
  }
  for (const order of orders.values()) {
    if (!order.dirty) continue
    const column = layout.columnById.get(order.stageId)
    const columns = Math.max(column ? columnsOfWidth(column.width) : 2, columnsFor(order.ids.length))
    order.ids.forEach((id, i) => {
      const slot = slotCoordinates(i, columns)
      const was = stored.get(id)
      if (was && was.x === slot.x && was.y === slot.y && was.stageId === order.stageId && was.laneId === order.laneId && !writes.has(id)) return
      writes.set(id, { ...slot, stageId: order.stageId, laneId: order.laneId })
    })
  }
  const byDoc = new Map<Y.Doc, Array<[string, Placement]>>()
  for (const [id, placement] of writes) byDoc.set(docOf(id), [...(byDoc.get(docOf(id)) ?? []), [id, placement]])
  for (const [doc, list] of byDoc) doc.transact(() => list.forEach(([id, placement]) => moveNote(doc, id, placement)))
}

/** The note list in reading order: by stage, then lane, then drawn position; loose notes last. */
export function readingOrder(notes: readonly Note[], layout: BoardLayout): Note[] {
  const stageIndex = new Map(layout.columns.map((c, i) => [c.id, i]))
  const laneIndex = new Map(layout.rows.map((r, i) => [r.id, i]))
  const key = (n: Note) => [
    n.stageId !== undefined && stageIndex.has(n.stageId) ? (stageIndex.get(n.stageId) as number) : Number.MAX_SAFE_INTEGER,
    n.laneId !== undefined && laneIndex.has(n.laneId) ? (laneIndex.get(n.laneId) as number) : Number.MAX_SAFE_INTEGER,
    noteWorldPosition(layout, n).y,
    noteWorldPosition(layout, n).x,
  ]
  return [...notes].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number)
    return a.id < b.id ? -1 : 1
  })
}
