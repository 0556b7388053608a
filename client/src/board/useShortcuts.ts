/**
 * Keyboard shortcuts that work anywhere but in a text field: N adds a note, Delete removes the
 * selection, Ctrl/Cmd+Z and Shift+Z (or Y) undo and redo one's own changes, space+drag pans,
 * Escape clears the selection.
 */
import { useEffect } from 'react'
import type { WorkshopConnection } from '../sync/connection'
import { useUi } from '../store'
import type { BoardActions } from './boardActions'

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function useShortcuts(connection: WorkshopConnection, canEdit: boolean, actions: BoardActions): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey
      if (mod && (e.key === 'z' || e.key === 'Z')) {
        if (isTyping(e.target)) return
        e.preventDefault()
        if (!canEdit) return
        if (e.shiftKey) connection.undo.redo()
        else connection.undo.undo()
        return
      }
      if (mod && (e.key === 'y' || e.key === 'Y') && !isTyping(e.target)) {
        e.preventDefault()
        if (canEdit) connection.undo.redo()
        return
      }
      if (isTyping(e.target) || mod || e.altKey) return
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault()
        actions.addNoteInView()
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !(e.target instanceof HTMLButtonElement && e.target.closest('.notes-panel, .visually-hidden'))) {
        if (useUi.getState().selection.length > 0) {
          e.preventDefault()
          actions.deleteSelection()
        }
      } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault()
        useUi.getState().setPanning(true)
      } else if (e.key === 'Escape') {
        useUi.getState().clearSelection()
      }
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') useUi.getState().setPanning(false)
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
    }
  })
}
