/** The user stories: drafted from the MVP items, or written one by one. */
import { useState } from 'react'
import { draftStories } from '../../../shared/deliver/promote'
import type { Note } from '../../../shared/board/note'
import { listRoadmap } from '../../../shared/deliver/roadmap'
import { addStory, listStories } from '../../../shared/deliver/story'
import { useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { StoryEditor } from './StoryEditor'

export function Stories({ connection, notes, canEdit }: { connection: WorkshopConnection; notes: readonly Note[]; canEdit: boolean }) {
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
