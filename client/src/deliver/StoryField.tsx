/** One of a story's text fields ("As a", "I want", "so that"), bound to its shared text. */
import type * as Y from 'yjs'
import { storyText, updateStory, type Story, type StoryTextField } from '../../../shared/deliver/story'
import { LIMITS } from '../../../shared/limits'
import { useYTextBinding } from '../board/NoteEditor'

export function StoryField({ board, story, field, label, canEdit }: { board: Y.Doc; story: Story; field: StoryTextField; label: string; canEdit: boolean }) {
  const binding = useYTextBinding(storyText(board, story.id, field), LIMITS.storyField, (next) => updateStory(board, story.id, { [field]: next }), story[field])
  return (
    <label className="story-field">
      {label}
      <textarea {...binding} rows={1} disabled={!canEdit} />
    </label>
  )
}
