/** Persona, journey start and end, goal; "not set" when blank. */
import type { ScopeField, WorkshopReport } from '../../../shared/workshop-file/report'
import { useT, type MessageKey } from '../i18n'
import { Section } from './Section'

const SCOPE_LABEL: Record<ScopeField, MessageKey> = {
  persona: 'reportPersona',
  journeyStart: 'reportJourneyStart',
  journeyEnd: 'reportJourneyEnd',
  goal: 'reportGoal',
}

export function Scope({ scope }: { scope: WorkshopReport['scope'] }) {
  const t = useT()
  return (
    <Section id="scope" title={t('reportScope')}>
      <dl className="report-scope">
        {scope.map(({ field, value }) => (
          <div key={SCOPE_LABEL[field]}>
            <dt>{t(SCOPE_LABEL[field])}</dt>
            <dd>{value === undefined ? <em className="report-muted">{t('reportNotSet')}</em> : value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  )
}
