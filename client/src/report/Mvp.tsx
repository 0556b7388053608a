/** The roadmap items marked as MVP: when, owner, metric and how many stories each has. */
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { useT } from '../i18n'
import { COLUMN_LABEL } from './labels'
import { Empty, Section } from './Section'

export function Mvp({ mvp }: { mvp: WorkshopReport['mvp'] }) {
  const t = useT()
  return (
    <Section id="mvp" title={t('reportMvp')}>
      {mvp.length === 0 ? (
        <Empty>{t('reportNoMvp')}</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reportItem')}</th>
              <th scope="col">{t('reportWhen')}</th>
              <th scope="col">{t('reportOwner')}</th>
              <th scope="col">{t('reportMetric')}</th>
              <th scope="col" className="report-number">
                {t('reportStories')}
              </th>
            </tr>
          </thead>
          <tbody>
            {mvp.map(({ item, stories }) => (
              <tr key={item.id}>
                <td>{item.title.trim() || t('reportUntitledItem')}</td>
                <td>{t(COLUMN_LABEL[item.column])}</td>
                <td>{item.owner ?? ''}</td>
                <td>{item.metric ?? ''}</td>
                <td className="report-number">{stories}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}
