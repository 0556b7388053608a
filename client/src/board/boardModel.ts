/**
 * What the board screens read from the documents, and the few actions that combine shared
 * mutations with layout (where a new note goes, what a drop or an arrow key writes).
 */
import { useMemo } from 'react'
import * as Y from 'yjs'
import { readControl } from '../../../shared/facilitation/control'
import { boardLayout, noteWorldPosition, placementForDrop, slotInCell, type BoardLayout } from '../../../shared/board/layout'
import { defaultNoteKind } from '../../../shared/facilitation/phases'
import { docAccess, type Role } from '../../../shared/roles'
import { listClusters } from '../../../shared/board/cluster'
import { readEmotions } from '../../../shared/board/emotion'
import { listLanes } from '../../../shared/board/lane'
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

export function useBoardModel(board: Y.Doc, control: Y.Doc, role: Role, privateDoc?: Y.Doc) {
  const stages = useDocSelector(board, listStages)
  const lanes = useDocSelector(board, listLanes)
  const boardNotes = useDocSelector(board, listNotes)
  const privateNotes = useDocSelector(privateDoc ?? NO_DOC, listNotes)
  const clusters = useDocSelector(board, listClusters)
  const emotions = useDocSelector(board, (d) => Object.fromEntries(readEmotions(d)) as Record<string, number>)
  const controlState = useDocSelector(control, readControl)
  const people = useDocSelector(board, (d) => Object.fromEntries(readPeople(d)) as Record<string, string>)
  // stages and lanes keep their identity while unchanged (useDocSelector): recomputed only on change.
  const layout = useMemo(() => boardLayout(stages, lanes), [stages, lanes])
  const canEdit = docAccess(role, 'board', { locked: controlState.locked }) === 'write'
  const notes = useMemo(() => (privateNotes.length === 0 ? boardNotes : [...boardNotes, ...privateNotes]), [boardNotes, privateNotes])
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
 * Adds a note in a cell, at the next free slot among `notes` (all notes shown, private ones
 * included), into `target` (the board, or the private document); lanes are read from `board`.
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
  const inCell = notes.filter((n) => n.stageId === stageId && n.laneId === laneId).length
  const slot = slotInCell(inCell)
  const laneKind = listLanes(board).find((l) => l.id === laneId)?.kind
  return authored(target, authorId, () => addNote(target, { kind: defaultNoteKind(phase, laneKind), x: slot.x, y: slot.y, stageId, laneId, ...(authorId !== undefined && { authorId }), phase, text }))
}

/**
 * Moves notes by (dx, dy) on the board: one write per note, on drop, one transaction per
 * document they live in (`docOf`, for private notes; the board by default).
 */
export function moveNotesBy(board: Y.Doc, layout: BoardLayout, notes: readonly Note[], dx: number, dy: number, docOf: (id: string) => Y.Doc = () => board): void {
  const byDoc = new Map<Y.Doc, Note[]>()
  for (const note of notes) byDoc.set(docOf(note.id), [...(byDoc.get(docOf(note.id)) ?? []), note])
  for (const [doc, list] of byDoc) {
    doc.transact(() => {
      for (const note of list) {
        const world = noteWorldPosition(layout, note)
        moveNote(doc, note.id, placementForDrop(layout, world.x + dx, world.y + dy))
      }
    })
  }
}

/** The note list in reading order: by stage, then lane, then position; loose notes last. */
export function readingOrder(notes: readonly Note[], layout: BoardLayout): Note[] {
  const stageIndex = new Map(layout.columns.map((c, i) => [c.id, i]))
  const laneIndex = new Map(layout.rows.map((r, i) => [r.id, i]))
  const key = (n: Note) => [
    n.stageId !== undefined && stageIndex.has(n.stageId) ? (stageIndex.get(n.stageId) as number) : Number.MAX_SAFE_INTEGER,
    n.laneId !== undefined && laneIndex.has(n.laneId) ? (laneIndex.get(n.laneId) as number) : Number.MAX_SAFE_INTEGER,
    n.y,
    n.x,
  ]
  return [...notes].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number)
    return a.id < b.id ? -1 : 1
  })
}
