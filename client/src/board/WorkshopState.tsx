/**
 * The workshop's state as everyone sees it: a badge for each switch that is on — anonymous
 * notes, private writing, the lock — so that a participant knows their name is hidden, their
 * notes are private for now, or why the board does not take edits. Nothing shows when all are off.
 */
import type { ControlState } from '../../../shared/facilitation/control'
import { useT, type MessageKey } from '../i18n'
import './facilitation.css'

const BADGES: readonly { flag: 'anonymous' | 'privateMode' | 'locked'; label: MessageKey; hint: MessageKey }[] = [
  { flag: 'anonymous', label: 'stateAnonymous', hint: 'anonymousHint' },
  { flag: 'privateMode', label: 'statePrivate', hint: 'privateBadge' },
  { flag: 'locked', label: 'stateLocked', hint: 'lockedNotice' },
]

export function WorkshopState({ state }: { state: ControlState }) {
  const t = useT()
  const on = BADGES.filter((badge) => state[badge.flag])
  if (on.length === 0) return null
  return (
    <ul className="workshop-state" aria-label={t('workshopState')}>
      {on.map((badge) => (
        <li key={badge.flag} className={`state-badge state-${badge.flag}`} title={t(badge.hint)}>
          {t(badge.label)}
        </li>
      ))}
    </ul>
  )
}
