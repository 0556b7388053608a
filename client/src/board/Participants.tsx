/** Who is online (from presence), with their role and whether they are writing privately. */
import { useT } from '../i18n'
import { colorFor } from '../session'
import type { WorkshopConnection } from '../sync/connection'
import { useOnline } from './FacilitatorPanel'

export function Participants({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const online = useOnline(connection)
  const { session } = connection
  const roleLabel = (name: string, role: string) => {
    const label = role === 'facilitator' ? t('facilitatorRole') : role === 'viewer' ? t('viewerRole') : ''
    return label && label.toLowerCase() !== name.toLowerCase() ? ` (${label})` : ''
  }
  return (
    <details className="participants">
      <summary aria-label={`${t('participants')}: ${online.length}`}>
        {t('participants')} ({online.length})
      </summary>
      <ul aria-label={t('participants')}>
        {online.map((p) => (
          <li key={p.participantId}>
            <span className="dot" style={{ background: colorFor(p.participantId) }} aria-hidden="true" />
            {p.participantId === session.participantId ? `${session.name} (${t('you')})` : p.name}
            {p.participantId !== session.participantId && roleLabel(p.name, p.role)}
            {p.writing && <em className="writing"> — {t('writingPrivately')}</em>}
          </li>
        ))}
      </ul>
    </details>
  )
}
