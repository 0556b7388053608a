/**
 * The board as an accessible list, grouped by stage, then lane (notes outside the journey
 * last): one item per note with its kind and, on the same line, its author. Each note's button
 * also names its stage and lane (for screen readers, which read a button alone). Tab reaches
 * each note; arrow keys move it, Enter edits it, Delete removes it, the context-menu key,
 * Shift+F10 or a right-click opens its menu (kind, duplicate, copy, delete). Visually hidden
 * until the list view is opened (focusing an item opens it), always there for screen readers.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { LAYOUT, noteWorldPosition, placementForDrop, type BoardLayout } from '../../../shared/board/layout'
import { deleteCluster, updateCluster, type Cluster } from '../../../shared/board/cluster'
import { deleteNote, type Note } from '../../../shared/board/note'
import { LIMITS } from '../../../shared/limits'
import { useT, type MessageKey } from '../i18n'
import { useUi } from '../store'
import { moveNotesBy, readingOrder, type NoteDocs } from './boardModel'
import { KIND_LABEL } from './notes/NoteMenu'
import { useNotesUi } from './notes/notesUi'
import './notes/notes.css'

/** The kind on a chip before each note (the full name is its tooltip and in the menu). */
const KIND_SHORT: Record<Note['kind'], MessageKey> = { note: 'kindNote', pain: 'kindPain', hmw: 'kindHmw', idea: 'kindIdea' }

/** Notes in reading order, in groups of one stage and one lane (loose notes: one last group). */
export function groupByCell(ordered: readonly Note[], layout: BoardLayout): Array<{ key: string; stageId: string | undefined; laneId: string | undefined; notes: Note[] }> {
  const groups: Array<{ key: string; stageId: string | undefined; laneId: string | undefined; notes: Note[] }> = []
  for (const note of ordered) {
    const stageId = note.stageId !== undefined && layout.columnById.has(note.stageId) ? note.stageId : undefined
    const laneId = note.laneId !== undefined && layout.rowById.has(note.laneId) ? note.laneId : undefined
    const key = `${stageId ?? ''}/${laneId ?? ''}`
    const last = groups.at(-1)
    if (last?.key === key) last.notes.push(note)
    else groups.push({ key, stageId, laneId, notes: [note] })
  }
  return groups
}

/**
 * The offset one arrow key press moves `note` by. Inside a cell a note is clamped to the cell,
 * so at a cell's edge a plain step would be pulled straight back and the note could never
 * leave its stage with the keyboard (a column is wider than any step). There the step carries
 * the note over the edge into the neighbouring cell instead, if there is one.
 */
export function keyboardStep(layout: BoardLayout, note: Note, dx: number, dy: number): [number, number] {
  const world = noteWorldPosition(layout, note)
  const next = placementForDrop(layout, world.x + dx, world.y + dy)
  const stuck = next.stageId === (note.stageId ?? null) && next.laneId === (note.laneId ?? null) && next.x === note.x && next.y === note.y
  const column = next.stageId === null ? undefined : layout.columnById.get(next.stageId)
  const row = next.laneId === null ? undefined : layout.rowById.get(next.laneId)
  if (!stuck || !column || !row) return [dx, dy]
  const across: [number, number] =
    dx > 0
      ? [column.x + column.width - LAYOUT.noteWidth / 2 - world.x, 0]
      : dx < 0
        ? [column.x - LAYOUT.noteWidth / 2 - 1 - world.x, 0]
        : dy > 0
          ? [0, row.y + row.height - LAYOUT.noteHeight / 2 - world.y]
          : [0, row.y - LAYOUT.noteHeight / 2 - 1 - world.y]
  // Only into another cell: the keyboard never drops a note off the grid.
  return placementForDrop(layout, world.x + across[0], world.y + across[1]).stageId === null ? [dx, dy] : across
}

function ClusterRow({ board, cluster, count, canEdit }: { board: NoteDocs['board']; cluster: Cluster; count: number; canEdit: boolean }) {
  const t = useT()
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft.trim() && draft !== cluster.title) updateCluster(board, cluster.id, { title: draft.trim() })
    setDraft(null)
  }
  return (
    <li className="structure-row">
      <input
        aria-label={t('clusterName')}
        value={draft ?? cluster.title}
        disabled={!canEdit}
        maxLength={LIMITS.title}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <span>{t('clusterSize', { count })}</span>
      <button type="button" disabled={!canEdit} onClick={() => deleteCluster(board, cluster.id)} aria-label={t('ungroup', { name: cluster.title })}>
        {t('ungroupShort')}
      </button>
    </li>
  )
}

export function NotesList({
  docs,
  layout,
  notes,
  clusters,
  canEdit,
  authors,
}: {
  docs: NoteDocs
  layout: BoardLayout
  notes: Note[]
  clusters: Cluster[]
  canEdit: boolean
  /** Author names by participant id; empty in anonymous mode. */
  authors: Record<string, string>
}) {
  const t = useT()
  const open = useUi((s) => s.panel === 'list')
  const selection = useUi((s) => s.selection)
  const ordered = useMemo(() => readingOrder(notes, layout), [notes, layout])
  const groups = useMemo(() => groupByCell(ordered, layout), [ordered, layout])
  // A note moved with the arrow keys into another cell changes group: its button is a new
  // element there, and takes the focus back.
  const list = useRef<HTMLUListElement>(null)
  const refocus = useRef<string | null>(null)
  useLayoutEffect(() => {
    const id = refocus.current
    if (id === null) return
    const button = list.current?.querySelector<HTMLButtonElement>(`button[data-note-id="${CSS.escape(id)}"]`)
    if (button && document.activeElement !== button) button.focus({ preventScroll: false })
    if (button) refocus.current = null
  })

  const stageTitle = (id: string | undefined) => (id ? layout.columnById.get(id)?.title : undefined) ?? t('noStage')
  const laneTitle = (id: string | undefined) => (id ? layout.rowById.get(id)?.title : undefined) ?? t('noLane')

  function label(note: Note): string {
    const text = note.text.trim() || t('emptyNote')
    const cluster = note.clusterId ? clusters.find((c) => c.id === note.clusterId) : undefined
    return (docs.isPrivate(note.id) ? `${t('privateNote')}: ${text}` : text) + (cluster ? ` (${cluster.title})` : '')
  }

  function onKeyDown(note: Note, e: React.KeyboardEvent<HTMLButtonElement>) {
    if (!canEdit) return
    const step = e.shiftKey ? 50 : 10
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    }
    const move = moves[e.key]
    if (move) {
      e.preventDefault()
      refocus.current = note.id
      const [dx, dy] = keyboardStep(layout, note, move[0], move[1])
      moveNotesBy(docs.board, layout, [note], dx, dy, docs.docOf)
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault()
      useUi.getState().setEditing(note.id)
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      deleteNote(docs.docOf(note.id), note.id)
    }
  }

  function onContextMenu(note: Note, e: React.MouseEvent<HTMLButtonElement>) {
    if (!canEdit) return
    e.preventDefault()
    const { selection: current, select } = useUi.getState()
    const ids = current.includes(note.id) ? current : [note.id]
    if (!current.includes(note.id)) select(ids)
    const keyboard = e.clientX === 0 && e.clientY === 0
    const box = e.currentTarget.getBoundingClientRect()
    useNotesUi.getState().openMenu({ noteIds: ids, x: keyboard ? box.left + 24 : e.clientX, y: keyboard ? box.bottom : e.clientY, returnFocus: e.currentTarget })
  }

  return (
    <section className={open ? 'panel notes-panel' : 'visually-hidden'} aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('notes')}</h2>
      <p className="hint">{t('moveHint')}</p>
      {ordered.length === 0 && <p>{t('notesEmpty')}</p>}
      <ul ref={list} role="list" aria-label={t('notes')} className="hz-notes">
        {groups.map((group, g) => {
          const heading = `notes-group-${g}`
          const stage = stageTitle(group.stageId)
          const lane = laneTitle(group.laneId)
          const newStage = g === 0 || groups[g - 1]?.stageId !== group.stageId
          const loose = group.stageId === undefined && group.laneId === undefined
          return (
            <li key={group.key} className={`hz-notes-group${newStage ? ' new-stage' : ''}`}>
              <h3 id={heading} className="hz-notes-heading">
                {loose ? (
                  t('notOnJourney')
                ) : (
                  <>
                    <span className="hz-notes-stage">{stage}</span>
                    <span className="hz-notes-lane">{lane}</span>
                  </>
                )}
                <span className="hz-notes-count">{group.notes.length}</span>
              </h3>
              <ul role="list" aria-labelledby={heading}>
                {group.notes.map((note) => {
                  const author = note.authorId !== undefined ? authors[note.authorId] : undefined
                  return (
                    <li key={note.id} role="listitem" className={`hz-note-row kind-${note.kind}${selection.includes(note.id) ? ' selected' : ''}`}>
                      <span className={`hz-kind-chip kind-${note.kind}`} title={t(KIND_LABEL[note.kind])}>
                        {t(KIND_SHORT[note.kind])}
                      </span>
                      <button
                        type="button"
                        data-note-id={note.id}
                        className={selection.includes(note.id) ? 'note-item selected' : 'note-item'}
                        aria-pressed={selection.includes(note.id)}
                        onFocus={() => {
                          useUi.getState().select([note.id])
                          if (!open) useUi.getState().setPanel('list')
                        }}
                        onClick={() => useUi.getState().select([note.id])}
                        onDoubleClick={() => canEdit && useUi.getState().setEditing(note.id)}
                        onKeyDown={(e) => onKeyDown(note, e)}
                        onContextMenu={(e) => onContextMenu(note, e)}
                      >
                        {label(note)}
                        <span className="visually-hidden">{t('noteWhere', { stage, lane })}</span>
                      </button>
                      {author !== undefined && <span className="note-author">{t('byAuthor', { name: author })}</span>}
                    </li>
                  )
                })}
              </ul>
            </li>
          )
        })}
      </ul>
      {clusters.length > 0 && (
        <>
          <h3>{t('clusters')}</h3>
          <ul aria-label={t('clusters')}>
            {clusters.map((cluster) => (
              <ClusterRow key={cluster.id} board={docs.board} cluster={cluster} count={notes.filter((n) => n.clusterId === cluster.id).length} canEdit={canEdit} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
