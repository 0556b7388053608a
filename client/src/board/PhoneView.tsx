/**
 * A participant on a phone: no canvas to pinch-fight with. Pick a stage and lane, type, send;
 * see and edit one's own notes; vote from a list while a round is open.
 */
import { useState, type FormEvent, type ReactNode } from 'react'
import type * as Y from 'yjs'
import { deleteNote, type Note } from '../../../shared/board/note'
import { LIMITS } from '../../../shared/limits'
import { plural, useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { addNoteInCell, type useBoardModel } from './boardModel'
import { authorFor, rememberOwn, useOwnNotes } from './ownNotes'
import { useTextBinding } from './NoteEditor'
import { useActiveRound, useMyVotes, VoteList, votesLeft } from './Voting'

type Model = ReturnType<typeof useBoardModel>

function OwnNote({ doc, note, canEdit }: { doc: Y.Doc; note: Note; canEdit: boolean }) {
  const t = useT()
  const binding = useTextBinding(doc, note.id)
  return (
    <li className="own-note">
      <textarea {...binding} aria-label={t('noteText')} readOnly={!canEdit} rows={2} />
      <button type="button" className="danger" onClick={() => deleteNote(doc, note.id)} disabled={!canEdit} aria-label={t('deleteNote')}>
        ✕
      </button>
    </li>
  )
}

function Voting({ connection, model }: { connection: WorkshopConnection; model: Model }) {
  const t = useT()
  const round = useActiveRound(connection, model.control.activeRoundId)
  const mine = useMyVotes(connection, round?.id)
  if (!round) return <p>{t('noRound')}</p>
  const left = votesLeft(round, mine)
  return (
    <section aria-labelledby="vote-heading">
      <h2 id="vote-heading">{t('vote')}</h2>
      <p role="status">{plural(t, 'votesLeft', left)}</p>
      <VoteList connection={connection} round={round} mine={mine} notes={model.notes} clusters={model.clusters} canEdit={model.canEdit} />
    </section>
  )
}

export function PhoneView({ connection, model, children }: { connection: WorkshopConnection; model: Model; children?: ReactNode }) {
  const t = useT()
  const board = connection.board.doc
  const me = connection.session.participantId
  const [stageId, setStageId] = useState(model.stages[0]?.id ?? '')
  const [laneId, setLaneId] = useState(model.lanes[0]?.id ?? '')
  const [text, setText] = useState('')
  const ownIds = useOwnNotes(connection.session.workshopId)
  const own = model.notes.filter((n) => n.authorId === me || ownIds.has(n.id))

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const value = text.trim()
    if (!value || !model.canEdit) return
    const stage = model.stages.some((s) => s.id === stageId) ? stageId : model.stages[0]?.id
    const lane = model.lanes.some((l) => l.id === laneId) ? laneId : model.lanes[0]?.id
    if (!stage || !lane) return
    const id = addNoteInCell(model.docs.write, board, model.notes, { stageId: stage, laneId: lane }, authorFor(me, model.control.anonymous), model.control.phase, value)
    rememberOwn(connection.session.workshopId, id)
    setText('')
  }

  return (
    <main className="phone">
      <form onSubmit={onSubmit} className="card">
        <label>
          {t('phoneStage')}
          <select value={stageId} onChange={(e) => setStageId(e.currentTarget.value)}>
            {model.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('phoneLane')}
          <select value={laneId} onChange={(e) => setLaneId(e.currentTarget.value)}>
            {model.lanes.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('phoneNote')}
          <textarea value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={LIMITS.noteText} rows={3} disabled={!model.canEdit} />
        </label>
        <button type="submit" disabled={!model.canEdit || !text.trim()}>
          {t('send')}
        </button>
      </form>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t('myNotes')}</h2>
        {own.length === 0 ? (
          <p>{t('noMyNotes')}</p>
        ) : (
          <ul className="own-notes">
            {own.map((note) => (
              <OwnNote key={note.id} doc={model.docs.docOf(note.id)} note={note} canEdit={model.canEdit} />
            ))}
          </ul>
        )}
      </section>
      <Voting connection={connection} model={model} />
      {children}
    </main>
  )
}
