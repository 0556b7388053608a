/**
 * The notes' context menu: change the kind (note, pain point, how-might-we, idea — also keys
 * 1–4), duplicate, copy, delete. Opens on right-click or long-press on a note on the canvas,
 * right-click on a note in the list view, and the context-menu key or Shift+F10 with notes
 * selected. A WAI-ARIA menu: arrow keys, Home/End, Enter or Space, Escape (focus goes back).
 */
import { useEffect, useLayoutEffect, useRef } from 'react'
import { NOTE_KINDS, type Note, type NoteKind } from '../../../../shared/board/note'
import { useT, type MessageKey } from '../../i18n'
import { useUi } from '../../store'
import type { BoardActions } from '../boardActions'
import { screenRectOf } from './konvaBoard'
import { useNotesUi } from './notesUi'
import './notes.css'

export const KIND_LABEL: Record<NoteKind, MessageKey> = {
  note: 'menuKindNote',
  pain: 'menuKindPain',
  hmw: 'menuKindHmw',
  idea: 'menuKindIdea',
}

/** Opens the menu for the selected notes, beside the first one (on the canvas or in the list). */
export function openMenuForSelection(returnFocus: HTMLElement | null): void {
  const ids = useUi.getState().selection
  const first = ids[0]
  if (first === undefined) return
  const listItem = returnFocus?.closest('.note-item') ?? null
  const rect = listItem?.getBoundingClientRect() ?? screenRectOf(`#${CSS.escape(first)}`)
  const x = rect ? rect.left + Math.min(rect.width, 160) / 2 : window.innerWidth / 2
  const y = rect ? rect.top + Math.min(rect.height, 40) : window.innerHeight / 2
  useNotesUi.getState().openMenu({ noteIds: ids, x, y, returnFocus })
}

interface Item {
  key: string
  label: string
  shortcut?: string
  checked?: boolean
  danger?: boolean
  run(): void
}

export function NoteMenu({ notes, actions, canEdit }: { notes: readonly Note[]; actions: BoardActions; canEdit: boolean }) {
  const t = useT()
  const menu = useNotesUi((s) => s.menu)
  const ref = useRef<HTMLDivElement>(null)
  const chosen = menu ? notes.filter((n) => menu.noteIds.includes(n.id)) : []
  const ids = chosen.map((n) => n.id)

  const close = (refocus = true) => {
    const back = useNotesUi.getState().menu?.returnFocus
    useNotesUi.getState().closeMenu()
    if (refocus && back?.isConnected) back.focus({ preventScroll: true })
  }
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'
  const items: Item[] = [
    ...NOTE_KINDS.map((kind, i) => ({
      key: kind,
      label: t(KIND_LABEL[kind]),
      shortcut: String(i + 1),
      checked: chosen.length > 0 && chosen.every((n) => n.kind === kind),
      run: () => {
        const changed = actions.setKind(kind, ids)
        const first = chosen.find((n) => changed.includes(n.id))
        if (first) useNotesUi.getState().showToast({ type: 'changed', ids: changed, kind, text: first.text })
      },
    })),
    { key: 'duplicate', label: t('duplicate'), shortcut: `${mod}D`, run: () => actions.duplicateSelection(ids) },
    {
      key: 'copy',
      label: t('copyNotes'),
      shortcut: `${mod}C`,
      run: () => {
        const copied = actions.copySelection(ids)
        if (copied) void navigator.clipboard?.writeText(copied.text).catch(() => undefined)
      },
    },
    { key: 'delete', label: t('deleteNotes'), shortcut: 'Del', danger: true, run: () => actions.deleteNotes(ids) },
  ]

  // Kept inside the window; focus on the checked kind (or the first item).
  useLayoutEffect(() => {
    const el = ref.current
    if (!menu || !el) return
    const box = el.getBoundingClientRect()
    el.style.left = `${Math.max(4, Math.min(menu.x, window.innerWidth - box.width - 4))}px`
    el.style.top = `${Math.max(4, Math.min(menu.y, window.innerHeight - box.height - 4))}px`
    const focus = el.querySelector<HTMLElement>('[aria-checked="true"]') ?? el.querySelector<HTMLElement>('[role^="menuitem"]')
    focus?.focus({ preventScroll: true })
  }, [menu, chosen.length])

  // A pointer down elsewhere, a scroll of the page or the window losing focus closes it.
  useEffect(() => {
    if (!menu) return
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(false)
    }
    const onBlur = () => close(false)
    window.addEventListener('pointerdown', onDown, true)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('pointerdown', onDown, true)
      window.removeEventListener('blur', onBlur)
    }
  })

  if (!menu || chosen.length === 0 || !canEdit) return null

  const onKeyDown = (e: React.KeyboardEvent) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
    const at = all.indexOf(document.activeElement as HTMLElement)
    const go = (i: number) => all[(i + all.length) % all.length]?.focus()
    e.stopPropagation()
    if (e.key === 'ArrowDown') go(at + 1)
    else if (e.key === 'ArrowUp') go(at - 1)
    else if (e.key === 'Home') go(0)
    else if (e.key === 'End') go(all.length - 1)
    else if (e.key === 'Escape' || e.key === 'Tab') close()
    else if (/^[1-4]$/.test(e.key)) {
      items[Number(e.key) - 1]?.run()
      close()
    } else return
    e.preventDefault()
  }

  const choose = (item: Item) => {
    item.run()
    close()
  }
  const kinds = items.slice(0, NOTE_KINDS.length)
  const rest = items.slice(NOTE_KINDS.length)
  const row = (item: Item) => (
    <button
      key={item.key}
      type="button"
      role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
      aria-checked={item.checked}
      aria-keyshortcuts={item.shortcut?.replace('Ctrl+', 'Control+').replace('⌘', 'Meta+').replace('Del', 'Delete')}
      tabIndex={-1}
      className={`hz-menu-item${item.danger ? ' danger' : ''}${item.key in KIND_LABEL ? ` kind-${item.key}` : ''}`}
      onClick={() => choose(item)}
    >
      <span className="hz-menu-check" aria-hidden="true">{item.checked ? '✓' : ''}</span>
      <span className="hz-menu-label">{item.label}</span>
      {item.shortcut && <kbd aria-hidden="true">{item.shortcut}</kbd>}
    </button>
  )
  return (
    <div
      ref={ref}
      className="hz-menu"
      role="menu"
      aria-label={t('noteActions')}
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div role="group" aria-label={t('noteKind')}>
        <div className="hz-menu-heading" aria-hidden="true">
          {t('noteKind')}
        </div>
        {kinds.map(row)}
      </div>
      <div role="separator" className="hz-menu-sep" />
      {rest.map(row)}
    </div>
  )
}
