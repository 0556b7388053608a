/**
 * "Your top touchpoints": a participant ranks up to 10 touchpoints they believe matter most,
 * picked from the touchpoint notes on the board or typed in; reordered by keyboard (Alt+↑/↓ or
 * the buttons) or by dragging; removed. Closed (read-only) once the data is revealed.
 */
import { useState } from 'react'
import type * as Y from 'yjs'
import { setPersonDepartment } from '../../../shared/board/person'
import { addGuess, GUESS_MAX_LENGTH, MAX_GUESSES, moveGuess, removeGuess } from '../../../shared/data/guesses'
import { useT } from '../i18n'
import type { Session } from '../session'

export function DepartmentPicker({ board, session, departments, mine, disabled }: { board: Y.Doc; session: Session; departments: string[]; mine: string | undefined; disabled: boolean }) {
  const t = useT()
  return (
    <label>
      {t('yourDepartment')}{' '}
      <select value={mine ?? ''} disabled={disabled} onChange={(e) => setPersonDepartment(board, session.participantId, session.name, e.currentTarget.value || undefined)}>
        <option value="">{t('noDepartment')}</option>
        {departments.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  )
}

export function GuessPanel({ board, participantId, guess, suggestions, closed }: { board: Y.Doc; participantId: string; guess: string[]; suggestions: string[]; closed: boolean }) {
  const t = useT()
  const [typed, setTyped] = useState('')
  const [dragging, setDragging] = useState<number | null>(null)
  const full = guess.length >= MAX_GUESSES
  const taken = new Set(guess.map((g) => g.toLowerCase()))
  const open = suggestions.filter((s) => !taken.has(s.toLowerCase()))
  return (
    <section aria-labelledby="guess-heading" className="guess-panel">
      <h3 id="guess-heading">{t('yourTopTouchpoints')}</h3>
      <p className="hint">{closed ? t('guessesClosed') : t('guessHint', { max: MAX_GUESSES })}</p>
      {guess.length === 0 ? (
        <p>{t('noGuessYet')}</p>
      ) : (
        <ol className="guess-list" aria-labelledby="guess-heading">
          {guess.map((item, index) => (
            <li
              key={item}
              className={`row-buttons${dragging === index ? ' dragging' : ''}`}
              draggable={!closed}
              tabIndex={closed ? undefined : 0}
              aria-label={t('guessItem', { rank: index + 1, item })}
              onDragStart={(e) => {
                setDragging(index)
                e.dataTransfer.effectAllowed = 'move'
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(e) => dragging !== null && e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault()
                if (dragging !== null) moveGuess(board, participantId, dragging, index)
                setDragging(null)
              }}
              onKeyDown={(e) => {
                if (closed || !e.altKey) return
                if (e.key === 'ArrowUp') moveGuess(board, participantId, index, index - 1)
                else if (e.key === 'ArrowDown') moveGuess(board, participantId, index, index + 1)
                else return
                e.preventDefault()
              }}
            >
              <span className="rank">{index + 1}.</span> <span className="guess-text">{item}</span>
              {!closed && (
                <>
                  <button type="button" aria-label={t('moveUp', { item })} disabled={index === 0} onClick={() => moveGuess(board, participantId, index, index - 1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={t('moveDown', { item })} disabled={index === guess.length - 1} onClick={() => moveGuess(board, participantId, index, index + 1)}>
                    ↓
                  </button>
                  <button type="button" className="danger" aria-label={t('removeGuess', { item })} onClick={() => removeGuess(board, participantId, index)}>
                    ×
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {!closed && !full && (
        <>
          <form
            className="row-buttons"
            onSubmit={(e) => {
              e.preventDefault()
              if (addGuess(board, participantId, typed)) setTyped('')
            }}
          >
            <input aria-label={t('typeTouchpoint')} placeholder={t('typeTouchpoint')} value={typed} maxLength={GUESS_MAX_LENGTH} onChange={(e) => setTyped(e.currentTarget.value)} />
            <button type="submit" disabled={typed.trim() === ''}>
              {t('addGuess')}
            </button>
          </form>
          {open.length > 0 && (
            <>
              <p className="hint">{t('pickFromBoard')}</p>
              <ul className="chips">
                {open.map((s) => (
                  <li key={s}>
                    <button type="button" aria-label={t('addGuessNamed', { item: s })} onClick={() => addGuess(board, participantId, s)}>
                      + {s}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  )
}
