/**
 * A small, non-blocking message at the bottom of the board: after notes were dropped into the
 * "Pain points" lane it offers to make them pain points (into "Opportunities": ideas), and
 * after a kind change it says so with an Undo button (Ctrl+Z does the same). It never takes
 * focus, and goes away by itself.
 */
import { useEffect } from 'react'
import type * as Y from 'yjs'
import { boardMaps } from '../../../../shared/board/board-doc'
import { listLanes } from '../../../../shared/board/lane'
import { readNote, type NoteKind } from '../../../../shared/board/note'
import { useT } from '../../i18n'
import type { BoardActions } from '../boardActions'
import type { NoteDocs } from '../boardModel'
import { KIND_LABEL } from './NoteMenu'
import { useNotesUi } from './notesUi'

const OFFER_MS = 12_000
const CHANGED_MS = 8_000

/** The kind a lane suggests for notes dropped into it. */
const LANE_SUGGESTS: Partial<Record<string, NoteKind>> = { pains: 'pain', opportunities: 'idea' }

/**
 * Watches my own moves (local transactions of my own, not undo or redo, not other people's):
 * a note whose lane became "Pain points" or "Opportunities" without being of that lane's kind
 * gets the offer.
 */
export function useKindOffers(docs: NoteDocs, canEdit: boolean): void {
  useEffect(() => {
    if (!canEdit) return
    const watched = [docs.board, ...(docs.private ? [docs.private] : [])]
    const stops = watched.map((doc) => {
      const notes = boardMaps(doc).notes
      const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
        if (!transaction.local || transaction.origin !== null) return
        const lanes = new Map(listLanes(docs.board).map((lane) => [lane.id, lane]))
        const offered = new Map<NoteKind, { ids: string[]; lane: string; text: string }>()
        for (const event of events) {
          if (event.target === notes || !event.changes.keys.has('laneId')) continue
          const id = event.path[0]
          if (typeof id !== 'string') continue
          const change = event.changes.keys.get('laneId')
          const note = readNote(doc, id)
          if (!note?.laneId || change?.oldValue === note.laneId) continue
          const lane = lanes.get(note.laneId)
          const kind = lane ? LANE_SUGGESTS[lane.kind] : undefined
          if (!lane || !kind || note.kind === kind) continue
          const entry = offered.get(kind) ?? { ids: [], lane: lane.title, text: note.text }
          entry.ids.push(id)
          offered.set(kind, entry)
        }
        const [first] = offered
        if (first) useNotesUi.getState().showToast({ type: 'offer', kind: first[0], ...first[1] })
      }
      notes.observeDeep(onChange)
      return () => notes.unobserveDeep(onChange)
    })
    return () => stops.forEach((stop) => stop())
  }, [docs, canEdit])
}

export function KindToast({ actions, undo }: { actions: BoardActions; undo: Y.UndoManager }) {
  const t = useT()
  const toast = useNotesUi((s) => s.toast)
  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(() => {
      if (useNotesUi.getState().toast?.key === toast.key) useNotesUi.getState().dismissToast()
    }, toast.type === 'offer' ? OFFER_MS : CHANGED_MS)
    return () => clearTimeout(timer)
  }, [toast])
  if (!toast) return null
  const short = (text: string) => {
    const line = text.trim() || t('emptyNote')
    return line.length > 40 ? `${line.slice(0, 39)}…` : line
  }
  const dismiss = () => useNotesUi.getState().dismissToast()
  let message: string
  let buttons: React.ReactNode
  if (toast.type === 'offer') {
    const many = toast.ids.length > 1
    message = many ? t('offerMany', { count: toast.ids.length, lane: toast.lane }) : t('offerOne', { text: short(toast.text), lane: toast.lane })
    const accept = toast.kind === 'pain' ? (many ? 'offerPainMany' : 'offerPain') : many ? 'offerIdeaMany' : 'offerIdea'
    buttons = (
      <>
        <button
          type="button"
          className="hz-toast-primary"
          onClick={() => {
            const changed = actions.setKind(toast.kind, toast.ids)
            if (changed.length > 0) useNotesUi.getState().showToast({ type: 'changed', ids: changed, kind: toast.kind, text: toast.text })
            else dismiss()
          }}
        >
          {t(accept)}
        </button>
        <button type="button" onClick={dismiss}>
          {t('offerKeep')}
        </button>
      </>
    )
  } else if (toast.type === 'changed') {
    const kind = t(KIND_LABEL[toast.kind])
    message = toast.ids.length > 1 ? t('kindChangedMany', { count: toast.ids.length, kind }) : t('kindChangedOne', { text: short(toast.text), kind })
    buttons = (
      <button
        type="button"
        aria-keyshortcuts="Control+Z Meta+Z"
        onClick={() => {
          undo.undo()
          dismiss()
        }}
      >
        {t('undo')}
      </button>
    )
  } else {
    message = toast.message
    buttons = null
  }
  return (
    <div className={`hz-toast${toast.type === 'offer' ? ` offer kind-${toast.kind}` : ''}`} role="status" aria-live="polite" key={toast.key}>
      <span className="hz-toast-text">{message}</span>
      {buttons}
      <button type="button" className="hz-toast-close" aria-label={t('dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  )
}
