/** Now, Next and Later side by side, each item with its owner, metric and where it came from. */
import type { RoadmapItem } from '../../../shared/deliver/roadmap'
import type { ReportSource, WorkshopReport } from '../../../shared/workshop-file/report'
import { useT, type MessageKey } from '../i18n'
import { COLUMN_LABEL } from './labels'
import { Empty, Section } from './Section'

export function Roadmap({ roadmap }: { roadmap: WorkshopReport['roadmap'] }) {
  const t = useT()
  return (
    <Section id="roadmap" title={t('reportRoadmap')}>
      <div className="report-roadmap">
        {roadmap.map(({ column, items }) => (
          <section key={column} className="report-column" aria-labelledby={`report-column-${column}`}>
            <h3 id={`report-column-${column}`}>{t(COLUMN_LABEL[column])}</h3>
            {items.length === 0 ? (
              <Empty>{t('reportEmptyColumn')}</Empty>
            ) : (
              <ul>
                {items.map(({ item, source }) => (
                  <RoadmapCard key={item.id} item={item} source={source} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </Section>
  )
}

function RoadmapCard({ item, source }: { item: RoadmapItem; source: ReportSource | undefined }) {
  const t = useT()
  // "From": a promoted idea or HMW by its text, a promoted cluster by its name (as in the Markdown export).
  const from = source?.text.trim()
  const facts: [MessageKey, string | undefined][] = [
    ['reportOwner', item.owner],
    ['reportMetric', item.metric],
    ['reportFrom', from],
  ]
  return (
    <li className="report-item">
      <p className="report-item-title">
        <strong>{item.title.trim() || t('reportUntitledItem')}</strong>
        {item.mvp && <span className="report-mvp"> ✓ {t('reportMvp')}</span>}
      </p>
      {facts.some(([, value]) => value) && (
        <dl>
          {facts.map(([label, value]) =>
            value ? (
              <div key={label}>
                <dt>{t(label)}:</dt>
                <dd>{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
    </li>
  )
}
