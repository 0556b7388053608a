/**
 * Deliver: promote Develop's top-voted ideas (and HMW statements and clusters) to a Now / Next /
 * Later roadmap; mark the MVP, give each item an owner (a department: journeys cross silos) and
 * a metric; write user stories — or draft one per MVP item — with acceptance criteria and a
 * MoSCoW priority. Roadmap cards move by drag and drop or with their buttons (keyboard).
 */
import { useState, type DragEvent, type FormEvent } from 'react'
import type * as Y from 'yjs'
import { listRounds } from '../../../shared/control'
import { draftStories, promote, promotionCandidates, type CandidateKind } from '../../../shared/deliver'
import {
  addAcceptance,
  addStory,
  editAcceptance,
  LIMITS,
  linkStorySource,
  listRoadmap,
  listStories,
  moveRoadmapItem,
  PRIORITIES,
  removeAcceptance,
  removeRoadmapItem,
  removeStory,
  ROADMAP_COLUMNS,
  storyText,
  unlinkStorySource,
  updateRoadmapItem,
  updateStory,
  type Lane,
  type Note,
  type NoteKind,
  type Priority,
  type RoadmapColumn,
  type RoadmapItem,
  type Story,
  type StoryTextField,
} from '../../../shared/schema'
import { plural, useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { useYTextBinding } from './NoteEditor'

const COLUMN_LABEL: Record<RoadmapColumn, MessageKey> = { now: 'columnNow', next: 'columnNext', later: 'columnLater' }
const PRIORITY_LABEL: Record<Priority, MessageKey> = { must: 'priorityMust', should: 'priorityShould', could: 'priorityCould', wont: 'priorityWont' }
const KIND_LABEL: Record<CandidateKind, MessageKey> = { idea: 'roundKindIdea', hmw: 'roundKindHmw', cluster: 'roundKindCluster' }
const KIND_NAME: Record<NoteKind, MessageKey> = { note: 'kindNote', pain: 'kindPain', hmw: 'kindHmw', idea: 'kindIdea' }
const DEPARTMENTS: MessageKey[] = ['deptMarketing', 'deptSales', 'deptService', 'deptFinance', 'deptIt', 'deptOperations', 'deptProduct']
const METRICS = ['NPS', 'CSAT', 'CES', 'Avoidable contacts', 'Conversion', 'Churn', 'First contact resolution']

interface Props {
  connection: WorkshopConnection
  notes: readonly Note[]
  lanes: readonly Lane[]
  canEdit: boolean
}

function Candidates({ connection, canEdit }: { connection: WorkshopConnection; canEdit: boolean }) {
  const t = useT()
  const board = connection.board.doc
  // Votes live in the board, rounds in the control document: follow both.
  const rounds = useDocSelector(connection.control.doc, listRounds)
  const candidates = useDocSelector(board, (d) => promotionCandidates(d, connection.control.doc), [rounds])
  return (
    <section aria-labelledby="candidates-heading" className="candidates">
      <h3 id="candidates-heading">{t('promoteHeading')}</h3>
      {candidates.length === 0 ? (
        <p className="hint">{t('noCandidates')}</p>
      ) : (
        <ul>
          {candidates.map((c) => (
            <li key={c.id}>
              <span className="candidate-kind">{t(KIND_LABEL[c.kind])}</span> <span className="candidate-label">{c.label}</span>{' '}
              <span className="muted">{plural(t, 'votesCount', c.votes)}</span>{' '}
              {c.promoted ? (
                <em className="muted">{t('onRoadmap')}</em>
              ) : (
                <button type="button" disabled={!canEdit} aria-label={t('promoteItem', { title: c.label })} onClick={() => promote(board, c, 'later')}>
                  {t('promote')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function RoadmapCard({ board, item, index, count, canEdit }: { board: Y.Doc; item: RoadmapItem; index: number; count: number; canEdit: boolean }) {
  const t = useT()
  const name = item.title || t('untitledItem')
  return (
    <li
      className={item.mvp ? 'roadmap-card mvp' : 'roadmap-card'}
      draggable={canEdit}
      data-id={item.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-horizon-roadmap', item.id)
        e.dataTransfer.effectAllowed = 'move'
      }}
      aria-label={name}
    >
      <input
        className="card-title"
        aria-label={t('itemTitle')}
        value={item.title}
        maxLength={LIMITS.title}
        disabled={!canEdit}
        onChange={(e) => updateRoadmapItem(board, item.id, { title: e.currentTarget.value })}
      />
      <label className="switch">
        <input type="checkbox" checked={item.mvp} disabled={!canEdit} onChange={(e) => updateRoadmapItem(board, item.id, { mvp: e.currentTarget.checked })} />
        {t('mvp')}
      </label>
      <label>
        {t('owner')}
        <input
          list="horizon-departments"
          value={item.owner ?? ''}
          maxLength={LIMITS.title}
          disabled={!canEdit}
          placeholder={t('deptService')}
          onChange={(e) => updateRoadmapItem(board, item.id, { owner: e.currentTarget.value || null })}
        />
      </label>
      <label>
        {t('metric')}
        <input
          list="horizon-metrics"
          value={item.metric ?? ''}
          maxLength={LIMITS.title}
          disabled={!canEdit}
          placeholder="NPS"
          onChange={(e) => updateRoadmapItem(board, item.id, { metric: e.currentTarget.value || null })}
        />
      </label>
      <div className="card-buttons">
        {ROADMAP_COLUMNS.filter((c) => c !== item.column).map((column) => (
          <button key={column} type="button" disabled={!canEdit} aria-label={t('moveItemTo', { title: name, column: t(COLUMN_LABEL[column]) })} onClick={() => moveRoadmapItem(board, item.id, column, Number.MAX_SAFE_INTEGER)}>
            → {t(COLUMN_LABEL[column])}
          </button>
        ))}
        <button type="button" disabled={!canEdit || index === 0} aria-label={t('moveItemUp', { title: name })} onClick={() => moveRoadmapItem(board, item.id, item.column, index - 1)}>
          ↑
        </button>
        <button type="button" disabled={!canEdit || index === count - 1} aria-label={t('moveItemDown', { title: name })} onClick={() => moveRoadmapItem(board, item.id, item.column, index + 1)}>
          ↓
        </button>
        <button type="button" disabled={!canEdit} aria-label={t('removeItem', { title: name })} onClick={() => removeRoadmapItem(board, item.id)}>
          ✕
        </button>
      </div>
    </li>
  )
}

function Roadmap({ connection, canEdit, lanes, notes }: { connection: WorkshopConnection; canEdit: boolean; lanes: readonly Lane[]; notes: readonly Note[] }) {
  const t = useT()
  const board = connection.board.doc
  const items = useDocSelector(board, listRoadmap)
  const [over, setOver] = useState<RoadmapColumn | null>(null)
  // Suggested owners: the departments written on the board's department lane, then the usual ones.
  const departmentLanes = new Set(lanes.filter((l) => l.kind === 'departments').map((l) => l.id))
  const onBoard = notes.filter((n) => n.laneId !== undefined && departmentLanes.has(n.laneId)).map((n) => n.text.trim())
  const departments = [...new Set([...onBoard, ...DEPARTMENTS.map((k) => t(k))].filter((d) => d !== '' && d.length <= LIMITS.title))]
  const onDrop = (column: RoadmapColumn, e: DragEvent<HTMLElement>) => {
    e.preventDefault()
    setOver(null)
    const id = e.dataTransfer.getData('application/x-horizon-roadmap')
    if (!id || !canEdit) return
    // Dropped on a card: before it; elsewhere in the column: at the end.
    const card = (e.target as HTMLElement).closest<HTMLElement>('.roadmap-card')
    // Positions count the column without the dragged card (as moveRoadmapItem does).
    const others = items.filter((i) => i.column === column && i.id !== id)
    const at = card ? others.findIndex((i) => i.id === card.dataset.id) : -1
    moveRoadmapItem(board, id, column, at < 0 ? others.length : at)
  }
  return (
    <section aria-labelledby="roadmap-heading">
      <h3 id="roadmap-heading">{t('roadmap')}</h3>
      <datalist id="horizon-departments">
        {departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <datalist id="horizon-metrics">
        {METRICS.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <div className="roadmap">
        {ROADMAP_COLUMNS.map((column) => {
          const inColumn = items.filter((i) => i.column === column)
          return (
            <section
              key={column}
              className={over === column ? 'roadmap-column over' : 'roadmap-column'}
              aria-label={t(COLUMN_LABEL[column])}
              onDragOver={(e) => {
                if (!canEdit) return
                e.preventDefault()
                setOver(column)
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => onDrop(column, e)}
            >
              <h4>
                {t(COLUMN_LABEL[column])} <span className="muted">({inColumn.length})</span>
              </h4>
              <ol>
                {inColumn.map((item, index) => (
                  <RoadmapCard key={item.id} board={board} item={item} index={index} count={inColumn.length} canEdit={canEdit} />
                ))}
              </ol>
            </section>
          )
        })}
      </div>
    </section>
  )
}

function StoryField({ board, story, field, label, canEdit }: { board: Y.Doc; story: Story; field: StoryTextField; label: string; canEdit: boolean }) {
  const binding = useYTextBinding(storyText(board, story.id, field), LIMITS.storyField, (next) => updateStory(board, story.id, { [field]: next }), story[field])
  return (
    <label className="story-field">
      {label}
      <textarea {...binding} rows={1} disabled={!canEdit} />
    </label>
  )
}

function Criterion({ board, storyId, index, value, canEdit }: { board: Y.Doc; storyId: string; index: number; value: string; canEdit: boolean }) {
  const t = useT()
  // Edited locally and written on leaving the field: a criterion is one short line.
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <li>
      <input
        aria-label={t('criterionN', { n: index + 1 })}
        value={draft ?? value}
        maxLength={LIMITS.storyField}
        disabled={!canEdit}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => {
          if (draft !== null && draft !== value) editAcceptance(board, storyId, index, draft)
          setDraft(null)
        }}
      />
      <button type="button" disabled={!canEdit} aria-label={t('removeCriterion', { n: index + 1 })} onClick={() => removeAcceptance(board, storyId, index)}>
        ✕
      </button>
    </li>
  )
}

function StoryEditor({ board, story, n, items, notes, canEdit }: { board: Y.Doc; story: Story; n: number; items: RoadmapItem[]; notes: readonly Note[]; canEdit: boolean }) {
  const t = useT()
  const [criterion, setCriterion] = useState('')
  const sources = story.sourceIds.flatMap((id) => {
    const note = notes.find((candidate) => candidate.id === id)
    return note && note.text.trim() !== '' ? [note] : []
  })
  // Notes a story may come from: pains, problem statements and ideas not linked yet.
  const linkable = notes.filter((note) => note.kind !== 'note' && note.text.trim() !== '' && !story.sourceIds.includes(note.id))
  const onAdd = (e: FormEvent) => {
    e.preventDefault()
    if (!criterion.trim()) return
    addAcceptance(board, story.id, criterion.trim())
    setCriterion('')
  }
  return (
    <li>
      <fieldset className="story">
        <legend>{t('storyN', { n })}</legend>
        <StoryField board={board} story={story} field="asA" label={t('asA')} canEdit={canEdit} />
        <StoryField board={board} story={story} field="iWant" label={t('iWant')} canEdit={canEdit} />
        <StoryField board={board} story={story} field="soThat" label={t('soThat')} canEdit={canEdit} />
        <div className="story-row">
          <label>
            {t('priority')}
            <select value={story.priority} disabled={!canEdit} onChange={(e) => updateStory(board, story.id, { priority: e.currentTarget.value as Priority })}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(PRIORITY_LABEL[p])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('roadmapItem')}
            <select value={story.roadmapId ?? ''} disabled={!canEdit} onChange={(e) => updateStory(board, story.id, { roadmapId: e.currentTarget.value || null })}>
              <option value="">{t('noRoadmapItem')}</option>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title || t('untitledItem')}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="criteria-heading" id={`sources-${story.id}`}>
          {t('fromNotes')}
        </p>
        {sources.length > 0 && (
          <ul className="story-sources" aria-labelledby={`sources-${story.id}`}>
            {sources.map((note) => (
              <li key={note.id}>
                {note.text.trim()}{' '}
                <button type="button" disabled={!canEdit} aria-label={t('unlinkNote', { note: note.text.trim(), n })} onClick={() => unlinkStorySource(board, story.id, note.id)}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <label>
          {t('linkNote')}
          <select
            value=""
            disabled={!canEdit || linkable.length === 0}
            onChange={(e) => {
              if (e.currentTarget.value) linkStorySource(board, story.id, e.currentTarget.value)
            }}
          >
            <option value="">{linkable.length === 0 ? t('noNotesToLink') : t('chooseNote')}</option>
            {linkable.map((note) => (
              <option key={note.id} value={note.id}>
                {t(KIND_NAME[note.kind])}: {note.text.trim()}
              </option>
            ))}
          </select>
        </label>
        <p className="criteria-heading">{t('acceptanceCriteria')}</p>
        <ol className="criteria">
          {story.acceptance.map((value, index) => (
            <Criterion key={`${index}:${value}`} board={board} storyId={story.id} index={index} value={value} canEdit={canEdit} />
          ))}
        </ol>
        <form onSubmit={onAdd} className="add-criterion">
          <input aria-label={t('newCriterion')} value={criterion} maxLength={LIMITS.storyField} disabled={!canEdit} onChange={(e) => setCriterion(e.currentTarget.value)} />
          <button type="submit" disabled={!canEdit || !criterion.trim()}>
            {t('addCriterion')}
          </button>
        </form>
        <button type="button" className="remove-story" disabled={!canEdit} onClick={() => removeStory(board, story.id)}>
          {t('removeStory', { n })}
        </button>
      </fieldset>
    </li>
  )
}

function Stories({ connection, notes, canEdit }: { connection: WorkshopConnection; notes: readonly Note[]; canEdit: boolean }) {
  const t = useT()
  const board = connection.board.doc
  const stories = useDocSelector(board, listStories)
  const items = useDocSelector(board, listRoadmap)
  const [drafted, setDrafted] = useState<string | null>(null)
  const onDraft = () => {
    const created = draftStories(board, connection.control.doc, (pain) => t('soThatPain', { pain }))
    setDrafted(created.length === 0 ? t('nothingToDraft') : created.length === 1 ? t('storiesDraftedOne') : t('storiesDrafted', { count: created.length }))
  }
  return (
    <section aria-labelledby="stories-heading">
      <h3 id="stories-heading">{t('userStories')}</h3>
      <div className="story-actions">
        <button type="button" disabled={!canEdit} onClick={onDraft}>
          {t('draftStories')}
        </button>
        <button type="button" disabled={!canEdit} onClick={() => addStory(board, {})}>
          {t('addStory')}
        </button>
        <p role="status" className="hint">
          {drafted}
        </p>
      </div>
      {stories.length === 0 ? (
        <p className="hint">{t('noStories')}</p>
      ) : (
        <ol className="stories">
          {stories.map((story, i) => (
            <StoryEditor key={story.id} board={board} story={story} n={i + 1} items={items} notes={notes} canEdit={canEdit} />
          ))}
        </ol>
      )}
    </section>
  )
}

export function DeliverPanel({ connection, notes, lanes, canEdit }: Props) {
  const t = useT()
  return (
    <section className="panel deliver-panel" aria-labelledby="deliver-heading">
      <h2 id="deliver-heading">{t('deliverPanel')}</h2>
      <Candidates connection={connection} canEdit={canEdit} />
      <Roadmap connection={connection} canEdit={canEdit} lanes={lanes} notes={notes} />
      <Stories connection={connection} notes={notes} canEdit={canEdit} />
    </section>
  )
}
