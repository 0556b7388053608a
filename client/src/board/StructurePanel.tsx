/**
 * Stages and lanes, for the facilitator: rename, reorder, add, remove; and the emotion value
 * per stage (the keyboard way to draw the curve, for everyone who may edit). Removing a stage or
 * lane that holds notes asks first, saying how many (undo still brings it back); an empty one
 * goes at once.
 */
import { useState } from 'react'
import type * as Y from 'yjs'
import { clearEmotion, EMOTION_MAX, EMOTION_MIN, setEmotion } from '../../../shared/board/emotion'
import { addLane, moveLane, removeLane, renameLane, type Lane } from '../../../shared/board/lane'
import { addStage, moveStage, removeStage, renameStage, type Stage } from '../../../shared/board/stage'
import { listNotes } from '../../../shared/board/note'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'
import { useDocSelector } from '../sync/docHooks'

/** How many notes of the board are in each stage and in each lane (by id). */
function noteCounts(board: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const note of listNotes(board)) {
    if (note.stageId !== undefined) counts[`s:${note.stageId}`] = (counts[`s:${note.stageId}`] ?? 0) + 1
    if (note.laneId !== undefined) counts[`l:${note.laneId}`] = (counts[`l:${note.laneId}`] ?? 0) + 1
  }
  return counts
}

/** The ✕ of a stage or lane: at once when empty, else after a confirmation in place. */
function RemoveButton({ label, question, count, onRemove }: { label: string; question: string; count: number; onRemove(): void }) {
  const t = useT()
  const [asking, setAsking] = useState(false)
  if (asking && count > 0)
    return (
      <span className="confirm-remove" role="alertdialog" aria-label={label}>
        <span className="confirm-question">{question}</span>
        <button
          type="button"
          className="danger"
          autoFocus
          onClick={() => {
            setAsking(false)
            onRemove()
          }}
        >
          {t('confirmRemove')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </span>
    )
  return (
    <button type="button" className="danger" aria-label={label} onClick={() => (count > 0 ? setAsking(true) : onRemove())}>
      ✕
    </button>
  )
}

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
  const counts = useDocSelector(board, noteCounts)
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
                <RemoveButton
                  label={t('removeStage', { name: stage.title })}
                  question={t('confirmRemoveStage', { name: stage.title, count: counts[`s:${stage.id}`] ?? 0 })}
                  count={counts[`s:${stage.id}`] ?? 0}
                  onRemove={() => removeStage(board, stage.id)}
                />
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
                <RemoveButton
                  label={t('removeLane', { name: lane.title })}
                  question={t('confirmRemoveLane', { name: lane.title, count: counts[`l:${lane.id}`] ?? 0 })}
                  count={counts[`l:${lane.id}`] ?? 0}
                  onRemove={() => removeLane(board, lane.id)}
                />
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
