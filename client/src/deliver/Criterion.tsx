/** One acceptance criterion of a story: edited locally, written on leaving the field. */
import { useState } from 'react'
import type * as Y from 'yjs'
import { editAcceptance, removeAcceptance } from '../../../shared/deliver/story'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'

export function Criterion({ board, storyId, index, value, canEdit }: { board: Y.Doc; storyId: string; index: number; value: string; canEdit: boolean }) {
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
