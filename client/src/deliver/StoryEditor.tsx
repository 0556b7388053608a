/**
 * A user story: its sentence, MoSCoW priority, roadmap item, the notes it comes from (linked
 * and unlinked here) and its acceptance criteria.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type * as Y from 'yjs'
import type { Note, NoteKind } from '../../../shared/board/note'
import type { RoadmapItem } from '../../../shared/deliver/roadmap'
import {
  addAcceptance,
  linkStorySource,
  moveStory,
  PRIORITIES,
  removeStory,
  unlinkStorySource,
  updateStory,
  type Priority,
  type Story,
} from '../../../shared/deliver/story'
import { LIMITS } from '../../../shared/limits'
import { useT, type MessageKey } from '../i18n'
import { Criterion } from './Criterion'
import { PRIORITY_LABEL } from './labels'
import { StoryField } from './StoryField'

const KIND_NAME: Record<NoteKind, MessageKey> = { note: 'kindNote', pain: 'kindPain', hmw: 'kindHmw', idea: 'kindIdea' }

interface StoryEditorProps {
  board: Y.Doc
  story: Story
  /** Its place in the list, from 1. */
  n: number
  count: number
  items: RoadmapItem[]
  notes: readonly Note[]
  canEdit: boolean
  /** Just added: take the focus (its first field) once rendered. */
  focus: boolean
  /** A story is being dragged over this one. */
  over: boolean
  onFocused(): void
}

export function StoryEditor({ board, story, n, count, items, notes, canEdit, focus, over, onFocused }: StoryEditorProps) {
  const t = useT()
  const [criterion, setCriterion] = useState('')
  const ref = useRef<HTMLLIElement>(null)
  useEffect(() => {
    if (!focus) return
    const first = ref.current?.querySelector('textarea')
    first?.focus()
    first?.scrollIntoView({ block: 'nearest' })
    onFocused()
  }, [focus, onFocused])
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
    <li ref={ref} data-story-id={story.id} className={over ? 'story-item over' : 'story-item'}>
      <fieldset className="story">
        <legend>{t('storyN', { n })}</legend>
        <div className="story-order">
          <span
            className="drag-handle"
            draggable={canEdit}
            role="img"
            aria-label={t('dragStory', { n })}
            title={t('dragStory', { n })}
            onDragStart={(e) => {
              e.dataTransfer.setData('application/x-horizon-story', story.id)
              e.dataTransfer.effectAllowed = 'move'
            }}
          >
            ⠿
          </span>
          <span className="story-move">
            <button type="button" disabled={!canEdit || n === 1} aria-label={t('moveStoryUp', { n })} title={t('moveStoryUp', { n })} onClick={() => moveStory(board, story.id, n - 2)}>
              ↑
            </button>
            <button type="button" disabled={!canEdit || n === count} aria-label={t('moveStoryDown', { n })} title={t('moveStoryDown', { n })} onClick={() => moveStory(board, story.id, n)}>
              ↓
            </button>
          </span>
        </div>
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
