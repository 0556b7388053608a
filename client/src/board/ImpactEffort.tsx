/**
 * Develop's impact/effort matrix: every idea can be placed as low or high impact and low or
 * high effort (two choices per idea, by keyboard or mouse); the matrix shows quick wins, big
 * bets, fill-ins and money pits for everyone, live. Stored on the note (`impact`, `effort`).
 */
import { LEVELS, QUADRANTS, quadrantOf, updateNote, type Level, type Note, type Quadrant } from '../../../shared/board/note'
import { useT, type MessageKey } from '../i18n'
import type { NoteDocs } from './boardModel'

const QUADRANT_KEY: Record<Quadrant, MessageKey> = { quickWin: 'quickWins', bigBet: 'bigBets', fillIn: 'fillIns', moneyPit: 'moneyPits' }
const LEVEL_KEY: Record<Level, MessageKey> = { low: 'levelLow', high: 'levelHigh' }

export function ImpactEffortPanel({ docs, notes, canEdit }: { docs: NoteDocs; notes: readonly Note[]; canEdit: boolean }) {
  const t = useT()
  const ideas = notes.filter((note) => note.kind === 'idea' && note.text.trim() !== '')
  const label = (note: Note) => note.text.trim()
  const choose = (note: Note, field: 'impact' | 'effort', value: string) =>
    updateNote(docs.docOf(note.id), note.id, { [field]: (LEVELS as readonly string[]).includes(value) ? (value as Level) : null })
  return (
    <section className="panel impact-panel" aria-labelledby="impact-heading">
      <h2 id="impact-heading">{t('impactEffort')}</h2>
      <p className="hint">{t('impactEffortHint')}</p>
      <div className="matrix">
        {QUADRANTS.map((quadrant) => {
          const inside = ideas.filter((idea) => quadrantOf(idea) === quadrant)
          return (
            <section key={quadrant} className={`quadrant quadrant-${quadrant}`} aria-labelledby={`quadrant-${quadrant}`}>
              <h3 id={`quadrant-${quadrant}`}>
                {t(QUADRANT_KEY[quadrant])} ({inside.length})
              </h3>
              <ul aria-labelledby={`quadrant-${quadrant}`}>
                {inside.map((idea) => (
                  <li key={idea.id}>{label(idea)}</li>
                ))}
              </ul>
            </section>
          )
        })}
      </div>
      <h3>{t('placeIdeas')}</h3>
      {ideas.length === 0 ? (
        <p>{t('noIdeasToPlace')}</p>
      ) : (
        <ul className="impact-list" aria-label={t('placeIdeas')}>
          {ideas.map((idea) => (
            <li key={idea.id}>
              <span className="label">{label(idea)}</span>
              {(['impact', 'effort'] as const).map((field) => (
                <label key={field}>
                  {t(field)}
                  <select aria-label={`${t(field)}: ${label(idea)}`} value={idea[field] ?? ''} disabled={!canEdit} onChange={(e) => choose(idea, field, e.currentTarget.value)}>
                    <option value="">—</option>
                    {LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t(LEVEL_KEY[level])}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
