/**
 * Keyboard shortcuts that work anywhere but in a text field: N adds a note, Delete removes the
 * selection, Ctrl/Cmd+Z and Shift+Z (or Y) undo and redo one's own changes, space+drag pans,
 * Escape clears the selection; Ctrl/Cmd+C, V and D copy, paste and duplicate notes (the copy
 * and paste events carry the clipboard); 1–4 make the selected notes notes, pain points, HMW
 * or ideas; the context-menu key or Shift+F10 opens the selected notes' menu.
 */
import { useEffect } from 'react'
import { NOTE_KINDS } from '../../../shared/board/note'
import type { WorkshopConnection } from '../sync/connection'
import { useUi } from '../store'
import type { BoardActions } from './boardActions'
import { NOTES_MIME, notesFromText, parseCopied } from './notes/clipboard'
import { boardCentre, boardPointAt } from './notes/konvaBoard'
import { openMenuForSelection } from './notes/NoteMenu'
import { useNotesUi } from './notes/notesUi'

/** Text selected on the page (in a panel): Ctrl+C copies that, not notes. */
function hasTextSelection(): boolean {
  const selection = window.getSelection()
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function useShortcuts(connection: WorkshopConnection, canEdit: boolean, actions: BoardActions): void {
  useEffect(() => {
    // Whether the copy / paste event followed Ctrl+C / Ctrl+V (it does, where the browser lets it).
    let copyEvent = false
    let pasteEvent = false
    const onKeyDown = (e: KeyboardEvent) => {
      // The notes' menu handles its own keys.
      if (e.target instanceof Element && e.target.closest('.hz-menu')) return
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
      if (mod && !e.altKey && !isTyping(e.target)) {
        const key = e.key.toLowerCase()
        if (key === 'd') {
          e.preventDefault()
          if (useUi.getState().selection.length > 0) actions.duplicateSelection()
        } else if (key === 'c' && useUi.getState().selection.length > 0 && !hasTextSelection()) {
          // The copy event that follows puts them on the system clipboard; this tab keeps them anyway.
          copyEvent = false
          actions.copySelection()
          setTimeout(() => {
            const copied = actions.copiedInTab()
            if (!copyEvent && copied) void navigator.clipboard?.writeText(copied.map((n) => n.text).join('\n')).catch(() => undefined)
          })
        } else if (key === 'v') {
          // The paste event that follows brings the clipboard; without one, paste what this tab copied.
          pasteEvent = false
          setTimeout(() => {
            if (!pasteEvent) actions.pasteNotes(actions.copiedInTab() ?? [])
          })
        }
        return
      }
      if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && !isTyping(e.target) && !mod && !e.altKey) {
        if (useUi.getState().selection.length > 0) {
          e.preventDefault()
          openMenuForSelection(e.target instanceof HTMLElement ? e.target : null)
        }
        return
      }
      if (isTyping(e.target) || mod || e.altKey) return
      const kind = !e.shiftKey && /^[1-4]$/.test(e.key) ? NOTE_KINDS[Number(e.key) - 1] : undefined
      if (kind && canEdit && useUi.getState().selection.length > 0) {
        e.preventDefault()
        actions.setKind(kind)
        return
      }
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
    const onCopy = (e: ClipboardEvent) => {
      copyEvent = true
      if (isTyping(e.target) || hasTextSelection() || !e.clipboardData) return
      const copied = actions.copySelection()
      if (!copied) return
      e.preventDefault()
      e.clipboardData.setData('text/plain', copied.text)
      e.clipboardData.setData(NOTES_MIME, JSON.stringify(copied.notes))
    }
    const onPaste = (e: ClipboardEvent) => {
      pasteEvent = true
      if (isTyping(e.target) || !canEdit) return
      const data = e.clipboardData
      const text = data?.getData('text/plain') ?? ''
      const ours = data?.getData(NOTES_MIME)
      const copied = ours ? parseCopied(ours) : (actions.copiedInTab(text) ?? [])
      if (copied.length > 0) {
        e.preventDefault()
        actions.pasteNotes(copied)
        return
      }
      if (!text.trim()) return
      e.preventDefault()
      const pointer = useNotesUi.getState().pointer
      const at = (pointer ? boardPointAt(pointer.x, pointer.y) : undefined) ?? boardCentre() ?? { x: 0, y: 0 }
      actions.pasteNotes(notesFromText(text, at), true)
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    document.addEventListener('copy', onCopy)
    document.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('paste', onPaste)
    }
  })
}
