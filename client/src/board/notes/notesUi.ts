/**
 * Local UI state of working with notes (the context menu, the kind offer after a drop, the
 * cluster being renamed, where the pointer last was over the board). Kept apart from the
 * board's store: only these components read it.
 */
import { create } from 'zustand'
import type { NoteKind } from '../../../../shared/board/note'

export interface MenuState {
  noteIds: string[]
  /** Where it opens, in page pixels. */
  x: number
  y: number
  /** Focus goes back here when the menu closes. */
  returnFocus: HTMLElement | null
}

export type Toast =
  | { type: 'offer'; ids: string[]; kind: NoteKind; lane: string; text: string }
  | { type: 'changed'; ids: string[]; kind: NoteKind; text: string }
  | { type: 'info'; message: string }

interface NotesUi {
  menu: MenuState | null
  toast: (Toast & { key: number }) | null
  renamingCluster: string | null
  /** The last pointer position over the board canvas, in page pixels (null once it left). */
  pointer: { x: number; y: number } | null
  openMenu(menu: MenuState): void
  closeMenu(): void
  showToast(toast: Toast): void
  dismissToast(): void
  renameCluster(id: string | null): void
  setPointer(pointer: { x: number; y: number } | null): void
}

let toastKey = 0

export const useNotesUi = create<NotesUi>((set) => ({
  menu: null,
  toast: null,
  renamingCluster: null,
  pointer: null,
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: null }),
  showToast: (toast) => set({ toast: { ...toast, key: ++toastKey } }),
  dismissToast: () => set({ toast: null }),
  renameCluster: (renamingCluster) => set({ renamingCluster }),
  setPointer: (pointer) => set({ pointer }),
}))

let secondary = false
/** Records the button of the latest press on the page (NotesOverlay listens). */
export function notePress(button: number): void {
  secondary = button !== 0
}
/** The latest press was not the main button (a right-click opens the menu; it never votes). */
export function lastPressWasSecondary(): boolean {
  return secondary
}
