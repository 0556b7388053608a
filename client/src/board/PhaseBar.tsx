/**
 * The facilitation bar: the four phases (the facilitator moves everyone; others see where the
 * group is and what to do), the workshop's state as badges everyone sees (anonymous, private
 * writing, locked), the facilitator's three switches for them side by side, and the timer.
 */
import type * as Y from 'yjs'
import { setFlag, type ControlState } from '../../../shared/facilitation/control'
import { PHASE_INFO, setPhaseChecked } from '../../../shared/facilitation/phases'
import { PHASES } from '../../../shared/facilitation/phase-names'
import { useT } from '../i18n'
import { Timer } from './Timer'
import { WorkshopState } from './WorkshopState'

export function PhaseBar({ control, state, facilitator }: { control: Y.Doc; state: ControlState; facilitator: boolean }) {
  const t = useT()
  const current = PHASE_INFO[state.phase]
  return (
    <div className="phasebar">
      <nav aria-label={t('phases')}>
        <ol>
          {PHASES.map((phase) => {
            const info = PHASE_INFO[phase]
            const here = phase === state.phase
            return (
              <li key={phase}>
                {facilitator ? (
                  <button type="button" aria-current={here ? 'step' : undefined} className={here ? 'phase current' : 'phase'} onClick={() => setPhaseChecked(control, phase)}>
                    {t(info.titleKey)}
                  </button>
                ) : (
                  <span aria-current={here ? 'step' : undefined} className={here ? 'phase current' : 'phase'}>
                    {t(info.titleKey)}
                  </span>
                )}
              </li>
            )
          })}
        </ol>
      </nav>
      <p className="instruction" aria-live="polite">
        <span className="visually-hidden">{t('currentPhase')}: {t(current.titleKey)}. </span>
        {t(current.instructionKey)}
      </p>
      <WorkshopState state={state} />
      {facilitator && (
        <div className="state-switches" role="group" aria-label={t('stateSwitches')}>
          <label className="switch" title={t('anonymousHint')}>
            <input type="checkbox" checked={state.anonymous} onChange={(e) => setFlag(control, 'anonymous', e.currentTarget.checked)} />
            {t('anonymousNotes')}
          </label>
          {/* Turning private writing off is the reveal: the server moves the notes onto the board. */}
          <button type="button" aria-pressed={state.privateMode} onClick={() => setFlag(control, 'privateMode', !state.privateMode)}>
            {state.privateMode ? t('revealNotes') : t('privateWriting')}
          </button>
          <button type="button" aria-pressed={state.locked} onClick={() => setFlag(control, 'locked', !state.locked)}>
            {state.locked ? t('unlockBoard') : t('lockBoard')}
          </button>
        </div>
      )}
      <Timer control={control} state={state} facilitator={facilitator} />
    </div>
  )
}
