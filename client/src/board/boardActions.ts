/**
 * What the toolbar, the keyboard and the notes' context menu do to the board: add a note in
 * view, delete, group, colour or change the kind of the selection, copy, paste and duplicate
 * notes, zoom. Each checks that one may edit; each change that people take back with Ctrl+Z is
 * its own step in the undo manager (`stopCapturing` around it).
 */
import { leaveFollowing } from './canvas/useViewport'
import { laneViewport } from './canvas/viewMath'
import * as Y from 'yjs'
import { cellAt, fitViewport, LAYOUT, noteWorldPosition, zoomAt, type BoardLayout } from '../../../shared/board/layout'
import { addCluster } from '../../../shared/board/cluster'
import { addNote, deleteNote, setNoteKind, updateNote, type Note, type NoteColor, type NoteKind } from '../../../shared/board/note'
import type { Translate } from '../i18n'
import type { Session } from '../session'
import { useUi } from '../store'
import { addNoteAt, addNoteInCell, authored, type useBoardModel } from './boardModel'
import { copyOf, pastePlacements, type Copied, type CopiedNote } from './notes/clipboard'
import { boardPointAt } from './notes/konvaBoard'
import { useNotesUi } from './notes/notesUi'
import { authorFor, rememberOwn } from './ownNotes'

/** The notes copied last in this tab (the system clipboard holds them too, when allowed). */
let copiedHere: Copied | undefined

/** (x, y), or a step down and right from it for each note already standing there. */
function freeSpot(layout: BoardLayout, notes: readonly Note[], x: number, y: number): [number, number] {
  let spot: [number, number] = [x, y]
  const taken = notes.map((n) => noteWorldPosition(layout, n))
  for (let i = 0; i < 50 && taken.some((p) => Math.abs(p.x - spot[0]) < 8 && Math.abs(p.y - spot[1]) < 8); i++) spot = [spot[0] + 20, spot[1] + 20]
  return spot
}

/** The board canvas's size in pixels (a sensible default before it is laid out). */
export function canvasSize(): { width: number; height: number; present: boolean } {
  const canvas = document.querySelector('[data-testid="board-canvas"]')
  return { width: canvas?.clientWidth ?? 800, height: canvas?.clientHeight ?? 600, present: canvas !== null }
}

export type BoardActions = ReturnType<typeof boardActions>

export function boardActions(board: Y.Doc, session: Session, model: ReturnType<typeof useBoardModel>, t: Translate, undo?: Y.UndoManager) {
  const { layout, notes, canEdit, docs } = model
  /** Runs `change` as one step of its own for Ctrl+Z. */
  const step = <T>(change: () => T): T => {
    undo?.stopCapturing()
    try {
      return change()
    } finally {
      undo?.stopCapturing()
    }
  }
  /** Groups note ids by the document that holds them (the board, or my private one). */
  const byDoc = (ids: readonly string[]) => {
    const groups = new Map<Y.Doc, string[]>()
    for (const id of ids) groups.set(docs.docOf(id), [...(groups.get(docs.docOf(id)) ?? []), id])
    return groups
  }
  const addNoteInView = () => {
    if (!canEdit) return
    const { viewport } = useUi.getState()
    const { width, height } = canvasSize()
    const x = (width / 2 - viewport.x) / viewport.scale
    const y = (height / 2 - viewport.y) / viewport.scale
    // In a cell: the cell's next free tile. Elsewhere: a step aside from notes already there.
    const cell = cellAt(layout, x, y)
    const author = authorFor(session.participantId, model.control.anonymous)
    const id = cell
      ? addNoteInCell(docs.write, board, notes, cell, author, model.control.phase)
      : addNoteAt(docs.write, layout, ...freeSpot(layout, notes, x - LAYOUT.noteWidth / 2, y - LAYOUT.noteHeight / 2), author, model.control.phase)
    rememberOwn(session.workshopId, id)
    useUi.getState().select([id])
    useUi.getState().setEditing(id)
  }
  // The toolbar's zoom is the person's own move of the view: it ends "follow me", as every
  // other way of moving the view does (canvas/useViewport.ts).
  const zoomBy = (factor: number) => {
    leaveFollowing()
    const { width, height } = canvasSize()
    const { viewport, setViewport } = useUi.getState()
    setViewport(zoomAt(viewport, width / 2, height / 2, factor))
  }
  /**
   * The Data & metrics lane in view (issue #12): the opening view may leave it below the fold.
   * `room`: the height of the metrics under the lane's notes, shown first when the lane is too tall.
   */
  const showDataLane = (room = 0) => {
    const row = layout.rows.find((r) => r.kind === 'data')
    if (!row) return
    leaveFollowing()
    const { width, height } = canvasSize()
    const metrics = { y: row.y + row.height - Math.min(room, row.height), height: Math.min(room, row.height) }
    useUi.getState().setViewport(laneViewport(layout, row, width, height, room > 0 ? metrics : row))
  }
  const zoomToFit = () => {
    leaveFollowing()
    const { width, height } = canvasSize()
    useUi.getState().setViewport(fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height))
  }
  /** Deletes notes in one undo step. */
  const deleteNotes = (ids: readonly string[]) => {
    if (!canEdit || ids.length === 0) return
    step(() => {
      for (const [doc, list] of byDoc(ids)) doc.transact(() => list.forEach((id) => deleteNote(doc, id)))
    })
    useUi.getState().clearSelection()
  }
  // A button's handler: takes no arguments (a click event is not a list of ids).
  const deleteSelection = () => deleteNotes(useUi.getState().selection)
  /** Makes notes (the selection by default) of `kind`, in one undo step; returns those that changed. */
  const setKind = (kind: NoteKind, ids: readonly string[] = useUi.getState().selection): string[] => {
    if (!canEdit || ids.length === 0) return []
    return step(() => [...byDoc(ids)].flatMap(([doc, list]) => setNoteKind(doc, list, kind)))
  }
  const selectedNotes = (ids: readonly string[]) => notes.filter((n) => ids.includes(n.id))
  /** Copies notes (the selection by default); returns what went to the clipboard. */
  const copySelection = (ids: readonly string[] = useUi.getState().selection): Copied | undefined => {
    const chosen = selectedNotes(ids)
    if (chosen.length === 0) return undefined
    copiedHere = copyOf(chosen, layout)
    return copiedHere
  }
  /** The notes copied in this tab, if the clipboard's text is still theirs (or unknown). */
  const copiedInTab = (text?: string): CopiedNote[] | undefined => (copiedHere && (text === undefined || text === copiedHere.text) ? copiedHere.notes : undefined)
  /**
   * New notes from copied ones: at the pointer when it is on the board (`atPointer`), else
   * beside the originals. They become the selection.
   */
  const pasteNotes = (copied: readonly CopiedNote[], atPointer = true): string[] => {
    if (!canEdit || copied.length === 0) return []
    const pointer = atPointer ? useNotesUi.getState().pointer : null
    const target = pointer ? boardPointAt(pointer.x, pointer.y) : undefined
    const occupied = (stageId: string, laneId: string) => notes.filter((n) => n.stageId === stageId && n.laneId === laneId).length
    const places = pastePlacements(layout, copied, target, occupied)
    const author = authorFor(session.participantId, model.control.anonymous)
    const ids = step(() =>
      copied.map((source, i) => {
        const place = places[i] as (typeof places)[number]
        const id = authored(docs.write, author, () =>
          addNote(docs.write, {
            text: source.text,
            kind: source.kind,
            color: source.color,
            x: place.x,
            y: place.y,
            ...(place.stageId !== null && { stageId: place.stageId }),
            ...(place.laneId !== null && { laneId: place.laneId }),
            ...(author !== undefined && { authorId: author }),
            phase: model.control.phase,
          }),
        )
        rememberOwn(session.workshopId, id)
        return id
      }),
    )
    useUi.getState().select(ids)
    return ids
  }
  /** Duplicates notes (the selection by default) beside the originals. */
  const duplicateSelection = (ids: readonly string[] = useUi.getState().selection): string[] => {
    const chosen = selectedNotes(ids)
    return chosen.length === 0 ? [] : pasteNotes(copyOf(chosen, layout).notes, false)
  }
  /** Groups the selected notes (board notes only: private ones are not shared yet) into a cluster. */
  const groupSelection = () => {
    const ids = useUi.getState().selection.filter((id) => !docs.isPrivate(id))
    if (!canEdit || ids.length === 0) return
    const members = notes.filter((n) => ids.includes(n.id))
    const first = members[0] ? noteWorldPosition(layout, members[0]) : { x: 0, y: 0 }
    addCluster(board, { title: t('newCluster'), x: first.x, y: first.y, noteIds: ids })
  }
  const colorSelection = (color: NoteColor) => {
    if (!canEdit) return
    const ids = useUi.getState().selection
    for (const id of ids) updateNote(docs.docOf(id), id, { color })
  }
  return { addNoteInView, zoomBy, zoomToFit, showDataLane, deleteSelection, deleteNotes, groupSelection, colorSelection, setKind, copySelection, copiedInTab, pasteNotes, duplicateSelection }
}
