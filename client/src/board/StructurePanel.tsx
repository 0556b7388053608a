/**
 * Stages and lanes, for the facilitator: rename, reorder, add, remove; and the emotion value
 * per stage (the keyboard way to draw the curve, for everyone who may edit).
 */
import { useState } from 'react'
import type * as Y from 'yjs'
import { clearEmotion, EMOTION_MAX, EMOTION_MIN, setEmotion } from '../../../shared/board/emotion'
import { addLane, moveLane, removeLane, renameLane, type Lane } from '../../../shared/board/lane'
import { addStage, moveStage, removeStage, renameStage, type Stage } from '../../../shared/board/stage'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'

function NameInput({ value, label, onCommit, disabled }: { value: string; label: string; onCommit(v: string): void; disabled: boolean }) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft.trim() && draft !== value) onCommit(draft.trim())
    setDraft(null)
  }
  return (
    <input
      aria-label={label}
      value={draft ?? value}
      maxLength={LIMITS.title}
      disabled={disabled}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') setDraft(null)
      }}
    />
  )
}

export function StructurePanel({
  board,
  stages,
  lanes,
  emotions,
  canEditStructure,
  canEdit,
}: {
  board: Y.Doc
  stages: Stage[]
  lanes: Lane[]
  emotions: Record<string, number>
  canEditStructure: boolean
  canEdit: boolean
}) {
  const t = useT()
  const values = Array.from({ length: EMOTION_MAX - EMOTION_MIN + 1 }, (_, i) => EMOTION_MIN + i)
  return (
    <section className="panel structure-panel" aria-labelledby="structure-heading">
      <h2 id="structure-heading">{t('structure')}</h2>
      <h3>{t('stages')}</h3>
      <ol>
        {stages.map((stage, i) => (
          <li key={stage.id} className="structure-row">
            <NameInput value={stage.title} label={t('renameStage')} disabled={!canEditStructure} onCommit={(v) => renameStage(board, stage.id, v)} />
            <label className="emotion-select">
              {t('emotion')}
              <select
                aria-label={t('emotionFor', { stage: stage.title })}
                value={emotions[stage.id] === undefined ? '' : String(emotions[stage.id])}
                disabled={!canEdit}
                onChange={(e) => (e.currentTarget.value === '' ? clearEmotion(board, stage.id) : setEmotion(board, stage.id, Number(e.currentTarget.value)))}
              >
                <option value="">{t('emotionNone')}</option>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {v > 0 ? `+${v}` : v}
                  </option>
                ))}
              </select>
            </label>
            {canEditStructure && (
              <span className="row-buttons">
                <button type="button" aria-label={t('moveEarlier', { name: stage.title })} disabled={i === 0} onClick={() => moveStage(board, stage.id, i - 1)}>
                  ←
                </button>
                <button type="button" aria-label={t('moveLater', { name: stage.title })} disabled={i === stages.length - 1} onClick={() => moveStage(board, stage.id, i + 1)}>
                  →
                </button>
                <button type="button" className="danger" aria-label={t('removeStage', { name: stage.title })} onClick={() => removeStage(board, stage.id)}>
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {canEditStructure && (
        <button type="button" onClick={() => addStage(board, t('newStage'))}>
          {t('addStage')}
        </button>
      )}
      <h3>{t('lanes')}</h3>
      <ol>
        {lanes.map((lane, i) => (
          <li key={lane.id} className="structure-row">
            <NameInput value={lane.title} label={t('renameLane')} disabled={!canEditStructure} onCommit={(v) => renameLane(board, lane.id, v)} />
            {canEditStructure && (
              <span className="row-buttons">
                <button type="button" aria-label={t('moveEarlier', { name: lane.title })} disabled={i === 0} onClick={() => moveLane(board, lane.id, i - 1)}>
                  ↑
                </button>
                <button type="button" aria-label={t('moveLater', { name: lane.title })} disabled={i === lanes.length - 1} onClick={() => moveLane(board, lane.id, i + 1)}>
                  ↓
                </button>
                <button type="button" className="danger" aria-label={t('removeLane', { name: lane.title })} onClick={() => removeLane(board, lane.id)}>
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {canEditStructure && (
        <button type="button" onClick={() => addLane(board, t('newLane'))}>
          {t('addLane')}
        </button>
      )}
    </section>
  )
}
