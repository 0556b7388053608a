/**
 * What working with notes adds over the board: the notes' context menu (and what opens it on
 * the canvas: right-click, long-press), the kind offer and kind-change messages, and the
 * in-place cluster name editor. Also remembers where the pointer is over the board (pasting
 * goes there).
 */
import { useEffect } from 'react'
import type { Cluster } from '../../../../shared/board/cluster'
import type { Note } from '../../../../shared/board/note'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi } from '../../store'
import type { BoardActions } from '../boardActions'
import type { NoteDocs } from '../boardModel'
import { ClusterRename } from './ClusterRename'
import { canvasElement, hitAt } from './konvaBoard'
import { KindToast, useKindOffers } from './KindToast'
import { NoteMenu } from './NoteMenu'
import { notePress, useNotesUi } from './notesUi'

const LONG_PRESS_MS = 550
const LONG_PRESS_SLOP = 8

/** Opens the menu for the note at a screen point (and selects it unless it is selected). */
function openAt(x: number, y: number): boolean {
  const { noteId } = hitAt(x, y)
  if (noteId === undefined) return false
  const { selection, select } = useUi.getState()
  const ids = selection.includes(noteId) ? selection : [noteId]
  if (!selection.includes(noteId)) select(ids)
  useNotesUi.getState().openMenu({ noteIds: ids, x, y, returnFocus: canvasElement() })
  return true
}

function useCanvasMenu(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onBoard = (target: EventTarget | null) => target instanceof Node && (canvasElement()?.contains(target) ?? false)
    const onContextMenu = (e: MouseEvent) => {
      if (useNotesUi.getState().menu) return e.preventDefault()
      if (!onBoard(e.target)) return
      // A keyboard-opened menu (context-menu key) is handled by the shortcuts.
      if (e.button !== 2 && e.clientX === 0 && e.clientY === 0) return e.preventDefault()
      if (openAt(e.clientX, e.clientY)) e.preventDefault()
    }
    let press: { timer: ReturnType<typeof setTimeout>; x: number; y: number; id: number } | undefined
    const cancel = () => {
      if (press) clearTimeout(press.timer)
      press = undefined
    }
    const onPointerDown = (e: PointerEvent) => {
      notePress(e.button)
      cancel()
      if (e.pointerType === 'mouse' || !onBoard(e.target)) return
      const { clientX: x, clientY: y, pointerId: id } = e
      press = { x, y, id, timer: setTimeout(() => openAt(x, y), LONG_PRESS_MS) }
    }
    const onPointerMove = (e: PointerEvent) => {
      if (press && e.pointerId === press.id && Math.hypot(e.clientX - press.x, e.clientY - press.y) > LONG_PRESS_SLOP) cancel()
      useNotesUi.getState().setPointer(onBoard(e.target) ? { x: e.clientX, y: e.clientY } : null)
    }
    const onLeave = () => useNotesUi.getState().setPointer(null)
    window.addEventListener('contextmenu', onContextMenu, true)
    window.addEventListener('pointerdown', onPointerDown, true)
    window.addEventListener('pointermove', onPointerMove, true)
    window.addEventListener('pointerup', cancel, true)
    window.addEventListener('pointercancel', cancel, true)
    document.documentElement.addEventListener('pointerleave', onLeave)
    return () => {
      cancel()
      window.removeEventListener('contextmenu', onContextMenu, true)
      window.removeEventListener('pointerdown', onPointerDown, true)
      window.removeEventListener('pointermove', onPointerMove, true)
      window.removeEventListener('pointerup', cancel, true)
      window.removeEventListener('pointercancel', cancel, true)
      document.documentElement.removeEventListener('pointerleave', onLeave)
    }
  }, [enabled])
}

export function NotesOverlay(props: {
  connection: WorkshopConnection
  docs: NoteDocs
  notes: readonly Note[]
  clusters: readonly Cluster[]
  canEdit: boolean
  actions: BoardActions
}) {
  const { connection, docs, notes, clusters, canEdit, actions } = props
  useCanvasMenu(canEdit)
  useKindOffers(docs, canEdit)
  return (
    <>
      <NoteMenu notes={notes} actions={actions} canEdit={canEdit} />
      <KindToast actions={actions} undo={connection.undo} />
      <ClusterRename board={docs.board} clusters={clusters} canEdit={canEdit} />
    </>
  )
}
