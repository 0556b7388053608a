/**
 * What the toolbar and the keyboard do to the board: add a note in view, delete, group or
 * colour the selection, zoom. Each checks that one may edit.
 */
import * as Y from 'yjs'
import { cellAt, fitViewport, LAYOUT, noteWorldPosition, zoomAt, type BoardLayout } from '../../../shared/board/layout'
import { addCluster } from '../../../shared/board/cluster'
import { deleteNote, updateNote, type Note, type NoteColor } from '../../../shared/board/note'
import type { Translate } from '../i18n'
import type { Session } from '../session'
import { useUi } from '../store'
import { addNoteAt, addNoteInCell, type useBoardModel } from './boardModel'
import { authorFor, rememberOwn } from './ownNotes'

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

export function boardActions(board: Y.Doc, session: Session, model: ReturnType<typeof useBoardModel>, t: Translate) {
  const { layout, notes, canEdit, docs } = model
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
  const zoomBy = (factor: number) => {
    const { width, height } = canvasSize()
    const { viewport, setViewport } = useUi.getState()
    setViewport(zoomAt(viewport, width / 2, height / 2, factor))
  }
  const zoomToFit = () => {
    const { width, height } = canvasSize()
    useUi.getState().setViewport(fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height))
  }
  const deleteSelection = () => {
    if (!canEdit) return
    const ids = useUi.getState().selection
    for (const id of ids) deleteNote(docs.docOf(id), id)
    useUi.getState().clearSelection()
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
  return { addNoteInView, zoomBy, zoomToFit, deleteSelection, groupSelection, colorSelection }
}
