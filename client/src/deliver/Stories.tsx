/**
 * The user stories: drafted from the MVP items, or written one by one, in the order people put
 * them (drag a story by its handle, or its ↑ ↓ buttons; "Sort by priority" when wanted). A new
 * story goes at the end and takes the focus.
 */
import { useState, type DragEvent } from 'react'
import { draftStories } from '../../../shared/deliver/promote'
import type { Note } from '../../../shared/board/note'
import { listRoadmap } from '../../../shared/deliver/roadmap'
import { addStory, listStories, moveStory, sortStoriesByPriority } from '../../../shared/deliver/story'
import { useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { StoryEditor } from './StoryEditor'
import './deliver.css'

export function Stories({ connection, notes, canEdit }: { connection: WorkshopConnection; notes: readonly Note[]; canEdit: boolean }) {
  const t = useT()
  const board = connection.board.doc
  const stories = useDocSelector(board, listStories)
  const items = useDocSelector(board, listRoadmap)
  const [drafted, setDrafted] = useState<string | null>(null)
  // The story just added, to focus once it is rendered.
  const [focusId, setFocusId] = useState<string | null>(null)
  const [over, setOver] = useState<string | null>(null)
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault()
    setOver(null)
    const id = e.dataTransfer.getData('application/x-horizon-story')
    if (!id || !canEdit) return
    // Dropped on a story: takes its place; below the last one: at the end.
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-story-id]')?.dataset.storyId
    const at = target ? stories.findIndex((s) => s.id === target) : stories.length - 1
    if (at >= 0) moveStory(board, id, at)
  }
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
        <button type="button" disabled={!canEdit} onClick={() => setFocusId(addStory(board, {}))}>
          {t('addStory')}
        </button>
        <button type="button" disabled={!canEdit || stories.length < 2} onClick={() => sortStoriesByPriority(board)}>
          {t('sortByPriority')}
        </button>
        <p role="status" className="hint">
          {drafted}
        </p>
      </div>
      {stories.length === 0 ? (
        <p className="hint">{t('noStories')}</p>
      ) : (
        <ol
          className="stories"
          onDragOver={(e) => {
            if (!canEdit || !e.dataTransfer.types.includes('application/x-horizon-story')) return
            e.preventDefault()
            setOver((e.target as HTMLElement).closest<HTMLElement>('[data-story-id]')?.dataset.storyId ?? null)
          }}
          onDragLeave={() => setOver(null)}
          onDrop={onDrop}
        >
          {stories.map((story, i) => (
            <StoryEditor
              key={story.id}
              board={board}
              story={story}
              n={i + 1}
              count={stories.length}
              items={items}
              notes={notes}
              canEdit={canEdit}
              focus={story.id === focusId}
              over={story.id === over}
              onFocused={() => setFocusId(null)}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
