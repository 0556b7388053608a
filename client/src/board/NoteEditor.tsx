/**
 * Editing a note's text in place: an HTML textarea over the note, bound to its Y.Text so that
 * two people typing in the same note merge, with the caret kept where it was when the other
 * person's edit lands.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { noteRect, type BoardLayout } from '../../../shared/board/layout'
import { noteText, readNote } from '../../../shared/board/note'
import { LIMITS } from '../../../shared/limits'
import { replaceText } from '../../../shared/replace-text'
import { useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useUi } from '../store'
import { authored } from './boardModel'
import { transformIndex, type DeltaOp } from './textBinding'

/** Binds a note's textarea to its Y.Text (anonymously for a note without author). */
export function useTextBinding(board: Y.Doc, noteId: string) {
  const text = noteText(board, noteId)
  // A note without author (anonymous mode) is edited anonymously too.
  return useYTextBinding(text, LIMITS.noteText, (next) => text && authored(board, readNote(board, noteId)?.authorId, () => replaceText(board, text, next)))
}

/**
 * Binds a textarea to a Y.Text: others' edits show at once and keep the caret where it was;
 * ours go through `write` (by default the smallest edit into the text). Returns the props to
 * spread on the textarea.
 */
export function useYTextBinding(text: Y.Text | undefined, maxLength: number, write?: (next: string) => void, fallback = '') {
  const ref = useRef<HTMLTextAreaElement>(null)
  // `fallback`: what to show while there is no Y.Text (a plain string written by an older
  // version); `write` then turns it into one.
  const [value, setValue] = useState(() => text?.toString() ?? fallback)
  const caret = useRef<{ start: number; end: number } | null>(null)

  useEffect(() => {
    if (!text) return
    // What the text holds now, once subscribed: it may have changed since the render.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a Y.Text is outside React; this reads it as it subscribes
    setValue(text.toString())
    const observer = (event: Y.YTextEvent) => {
      const area = ref.current
      if (!event.transaction.local && area && document.activeElement === area) {
        const delta = event.delta as DeltaOp[]
        caret.current = { start: transformIndex(area.selectionStart, delta), end: transformIndex(area.selectionEnd, delta) }
      }
      setValue(text.toString())
    }
    text.observe(observer)
    return () => text.unobserve(observer)
  }, [text])

  useLayoutEffect(() => {
    const area = ref.current
    if (area && caret.current) {
      area.setSelectionRange(caret.current.start, caret.current.end)
      caret.current = null
    }
  }, [value])

  return {
    ref,
    value,
    maxLength,
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => {
      const next = e.currentTarget.value
      setValue(next)
      if (write) write(next)
      else if (text?.doc) replaceText(text.doc, text, next)
    },
  }
}

export function NoteEditor(props: { connection: WorkshopConnection; doc: Y.Doc; layout: BoardLayout; noteId: string; private: boolean }) {
  const { connection, doc: board, layout, noteId } = props
  const t = useT()
  const viewport = useUi((s) => s.viewport)
  const setEditing = useUi((s) => s.setEditing)
  const binding = useTextBinding(board, noteId)
  const note = readNote(board, noteId)

  useEffect(() => {
    const area = binding.ref.current
    if (area) {
      area.focus()
      area.setSelectionRange(area.value.length, area.value.length)
    }
    // Others see which note is being edited — or, for a private note, only that someone writes;
    // for a note without an author (anonymous mode) nothing: who edits it would tell who wrote it.
    const anonymous = readNote(board, noteId)?.authorId === undefined
    if (props.private) connection.setPresence({ writing: true })
    else if (!anonymous) connection.setPresence({ editing: noteId })
    return () => connection.setPresence({ editing: undefined, writing: undefined })
  }, [binding.ref, connection, board, noteId, props.private])

  // The note was deleted (by someone else) while we were editing it.
  useEffect(() => {
    if (!note) setEditing(null)
  }, [note, setEditing])
  if (!note) return null

  // Over the note as the layout draws it (taller for a long text, at its font size).
  const world = noteRect(layout, note)
  const style: React.CSSProperties = {
    left: world.x * viewport.scale + viewport.x,
    top: world.y * viewport.scale + viewport.y,
    width: world.width * viewport.scale,
    height: world.height * viewport.scale,
    fontSize: world.fontSize * viewport.scale,
  }
  return (
    <textarea
      {...binding}
      className="note-editor"
      style={style}
      aria-label={t('noteText')}
      onBlur={() => setEditing(null)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.metaKey || e.ctrlKey))) {
          e.preventDefault()
          setEditing(null)
        }
      }}
    />
  )
}
