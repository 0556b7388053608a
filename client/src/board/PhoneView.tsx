/**
 * A participant on a phone: no canvas to pinch-fight with, but the whole workshop, one column
 * of sections to scroll. Voting comes first while a round is open; then writing a note, one's
 * own notes (each saying its stage and lane), the last closed round's results, in Deliver the
 * roadmap and MVP, and the board itself by stage (every note, by lane, with its clusters; read
 * only).
 *
 * The sections are the list PHONE_SECTIONS: another section is one line there (a component
 * taking PhoneSectionProps that renders nothing when it has nothing to say).
 */
import { useState, type ComponentType, type FormEvent, type ReactNode } from 'react'
import type * as Y from 'yjs'
import type { Cluster } from '../../../shared/board/cluster'
import { deleteNote, type Note } from '../../../shared/board/note'
import { listRoadmap, ROADMAP_COLUMNS } from '../../../shared/deliver/roadmap'
import { LIMITS } from '../../../shared/limits'
import type { Round } from '../../../shared/voting/round'
import { COLUMN_LABEL } from '../deliver/labels'
import { plural, useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { addNoteInCell, type useBoardModel } from './boardModel'
import { authorFor, rememberOwn, useOwnNotes } from './ownNotes'
import { useTextBinding } from './NoteEditor'
import { useBoardVoting } from './useBoardVoting'
import { useMyVotes, useRanking, VoteList, votesLeft } from './Voting'
import './phone.css'

type Model = ReturnType<typeof useBoardModel>

/** What every phone section gets. */
export interface PhoneSectionProps {
  connection: WorkshopConnection
  model: Model
  /** The open voting round, if any. */
  round: Round | undefined
  /** The last closed round, if any. */
  lastClosed: Round | undefined
}

/** Where a note is, in words: "Purchase · Pain points"; undefined off the journey. */
function placeOf(model: Model, note: Note): string | undefined {
  const stage = model.stages.find((s) => s.id === note.stageId)
  const lane = model.lanes.find((l) => l.id === note.laneId)
  if (!stage && !lane) return undefined
  return [stage?.title, lane?.title].filter((part) => part !== undefined).join(' · ')
}

function OwnNote({ doc, note, canEdit, where }: { doc: Y.Doc; note: Note; canEdit: boolean; where: string | undefined }) {
  const t = useT()
  const binding = useTextBinding(doc, note.id)
  return (
    <li className="own-note">
      <span className="own-note-where">{where ?? t('notOnJourney')}</span>
      <span className="own-note-row">
        <textarea {...binding} aria-label={t('noteText')} readOnly={!canEdit} rows={2} />
        <button type="button" className="danger" onClick={() => deleteNote(doc, note.id)} disabled={!canEdit} aria-label={t('deleteNote')}>
          ✕
        </button>
      </span>
    </li>
  )
}

function VoteSection({ connection, model, round }: PhoneSectionProps) {
  const t = useT()
  const mine = useMyVotes(connection, round?.id)
  if (!round) return null
  const left = votesLeft(round, mine)
  return (
    <section aria-labelledby="vote-heading" className="phone-section">
      <h2 id="vote-heading">{t('vote')}</h2>
      <p>{round.title}</p>
      <p role="status">{plural(t, 'votesLeft', left)}</p>
      <VoteList connection={connection} round={round} mine={mine} notes={model.notes} clusters={model.clusters} canEdit={model.canEdit} />
    </section>
  )
}

function WriteSection({ connection, model }: PhoneSectionProps) {
  const t = useT()
  const board = connection.board.doc
  const me = connection.session.participantId
  const [stageId, setStageId] = useState(model.stages[0]?.id ?? '')
  const [laneId, setLaneId] = useState(model.lanes[0]?.id ?? '')
  const [text, setText] = useState('')
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
    <form onSubmit={onSubmit} className="card phone-section" aria-label={t('addNote')}>
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
  )
}

function MyNotesSection({ connection, model }: PhoneSectionProps) {
  const t = useT()
  const me = connection.session.participantId
  const ownIds = useOwnNotes(connection.session.workshopId)
  const own = model.notes.filter((n) => n.authorId === me || ownIds.has(n.id))
  return (
    <section aria-labelledby="mine-heading" className="phone-section">
      <h2 id="mine-heading">{t('myNotes')}</h2>
      {own.length === 0 ? (
        <p>{t('noMyNotes')}</p>
      ) : (
        <ul className="own-notes">
          {own.map((note) => (
            <OwnNote key={note.id} doc={model.docs.docOf(note.id)} note={note} canEdit={model.canEdit} where={placeOf(model, note)} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ResultsSection({ connection, model, round, lastClosed }: PhoneSectionProps) {
  if (round || !lastClosed) return null
  return <ClosedRound connection={connection} model={model} round={lastClosed} />
}

function ClosedRound({ connection, model, round }: { connection: WorkshopConnection; model: Model; round: Round }) {
  const t = useT()
  const ranking = useRanking(connection, round, model.notes, model.clusters).filter((entry) => entry.votes > 0)
  return (
    <section aria-labelledby="results-heading" className="phone-section">
      <h2 id="results-heading">{t('resultsOf', { title: round.title })}</h2>
      {ranking.length === 0 ? (
        <p>{t('noVotes')}</p>
      ) : (
        <ol className="phone-results">
          {ranking.map((entry) => (
            <li key={entry.targetId}>
              <span className="phone-text">{entry.label || t('emptyNote')}</span> <strong>{plural(t, 'votesCount', entry.votes)}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function DeliverSection({ connection, model }: PhoneSectionProps) {
  const t = useT()
  const items = useDocSelector(connection.board.doc, listRoadmap)
  if (model.control.phase !== 'deliver') return null
  const mvp = items.filter((item) => item.mvp)
  return (
    <section aria-labelledby="phone-roadmap-heading" className="phone-section">
      <h2 id="phone-roadmap-heading">{t('roadmap')}</h2>
      {items.length === 0 && <p>{t('phoneNoRoadmap')}</p>}
      {mvp.length > 0 && (
        <>
          <h3 id="phone-mvp-heading">{t('mvp')}</h3>
          <ul aria-labelledby="phone-mvp-heading" className="phone-list">
            {mvp.map((item) => (
              <li key={item.id} className="phone-text">
                {item.title || t('untitledItem')}
              </li>
            ))}
          </ul>
        </>
      )}
      {ROADMAP_COLUMNS.map((column) => {
        const inColumn = items.filter((item) => item.column === column)
        if (inColumn.length === 0) return null
        return (
          <section key={column} aria-label={t(COLUMN_LABEL[column])}>
            <h3>{t(COLUMN_LABEL[column])}</h3>
            <ol className="phone-list">
              {inColumn.map((item) => (
                <li key={item.id} className="phone-text">
                  {item.title || t('untitledItem')}
                  {item.mvp && <span className="phone-badge"> {t('mvp')}</span>}
                  {item.owner && <span className="muted"> — {item.owner}</span>}
                </li>
              ))}
            </ol>
          </section>
        )
      })}
    </section>
  )
}

/** A lane's notes: loose ones first, then each cluster's under its name. */
function LaneNotes({ notes, clusters }: { notes: readonly Note[]; clusters: readonly Cluster[] }) {
  const t = useT()
  const loose = notes.filter((note) => note.clusterId === undefined || !clusters.some((c) => c.id === note.clusterId))
  const grouped = clusters.map((cluster) => ({ cluster, notes: notes.filter((note) => note.clusterId === cluster.id) })).filter((group) => group.notes.length > 0)
  return (
    <ul className="phone-notes">
      {loose.map((note) => (
        <li key={note.id} className={`phone-note kind-${note.kind}`}>
          {note.text.trim() || t('emptyNote')}
        </li>
      ))}
      {grouped.map(({ cluster, notes: members }) => (
        <li key={cluster.id} className="phone-cluster">
          <span className="phone-cluster-name">{t('phoneCluster', { title: cluster.title || t('untitledItem') })}</span>
          <ul className="phone-notes">
            {members.map((note) => (
              <li key={note.id} className={`phone-note kind-${note.kind}`}>
                {note.text.trim() || t('emptyNote')}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}

function BoardSection({ model }: PhoneSectionProps) {
  const t = useT()
  const visible = model.notes.filter((note) => note.text.trim() !== '')
  const inStage = (stageId: string) => visible.filter((note) => note.stageId === stageId)
  const elsewhere = visible.filter((note) => !model.stages.some((s) => s.id === note.stageId) || !model.lanes.some((l) => l.id === note.laneId))
  return (
    <section aria-labelledby="phone-board-heading" className="phone-section">
      <h2 id="phone-board-heading">{t('phoneBoard')}</h2>
      <p className="hint">{t('phoneBoardHint')}</p>
      {model.stages.map((stage) => {
        const notes = inStage(stage.id)
        return (
          <details key={stage.id} className="phone-stage" open>
            <summary>
              <h3>
                {stage.title} <span className="muted">({notes.length})</span>
              </h3>
            </summary>
            {notes.length === 0 ? (
              <p className="muted">{t('phoneNoNotes')}</p>
            ) : (
              model.lanes.map((lane) => {
                const laneNotes = notes.filter((note) => note.laneId === lane.id)
                if (laneNotes.length === 0) return null
                return (
                  <section key={lane.id} aria-label={t('noteIn', { stage: stage.title, lane: lane.title })} className="phone-lane">
                    <h4>{lane.title}</h4>
                    <LaneNotes notes={laneNotes} clusters={model.clusters} />
                  </section>
                )
              })
            )}
          </details>
        )
      })}
      {elsewhere.length > 0 && (
        <details className="phone-stage" open>
          <summary>
            <h3>{t('notOnJourney')}</h3>
          </summary>
          <LaneNotes notes={elsewhere} clusters={model.clusters} />
        </details>
      )}
    </section>
  )
}

/**
 * The phone's sections, top to bottom. Voting leads while a round is open (it renders nothing
 * otherwise); add a section here in one line.
 */
export const PHONE_SECTIONS: readonly { key: string; Section: ComponentType<PhoneSectionProps> }[] = [
  { key: 'vote', Section: VoteSection },
  { key: 'write', Section: WriteSection },
  { key: 'mine', Section: MyNotesSection },
  { key: 'results', Section: ResultsSection },
  { key: 'deliver', Section: DeliverSection },
  { key: 'board', Section: BoardSection },
]

/** `children` (the data panel: one's department, guess and, after the reveal, the data) come after one's own notes. */
export function PhoneView({ connection, model, children }: { connection: WorkshopConnection; model: Model; children?: ReactNode }) {
  const { round, lastClosed } = useBoardVoting(connection, model)
  const at = PHONE_SECTIONS.findIndex((s) => s.key === 'mine') + 1
  const section = ({ key, Section }: (typeof PHONE_SECTIONS)[number]) => <Section key={key} connection={connection} model={model} round={round} lastClosed={lastClosed} />
  return (
    <main className="phone">
      {PHONE_SECTIONS.slice(0, at).map(section)}
      {children}
      {PHONE_SECTIONS.slice(at).map(section)}
    </main>
  )
}
