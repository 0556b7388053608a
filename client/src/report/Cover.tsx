/**
 * The report's first page, what management reads first: the title, when it was made, the
 * scope, the MVP and the workshop in numbers. It fills the first printed page on its own, so
 * the page is a cover, not a header followed by blank paper.
 */
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { useT } from '../i18n'
import { workshopTitle } from './labels'
import { Mvp } from './Mvp'
import { Scope } from './Scope'

export function Cover({ report, generated, figures }: { report: WorkshopReport; generated: string; figures: { notes: number; items: number } }) {
  const t = useT()
  return (
    <div className="report-cover">
      <header className="report-header">
        <p className="report-kicker">{t('appName')}</p>
        <h1>{workshopTitle(t, report)}</h1>
        <p className="report-generated">{t('reportGenerated', { date: generated })}</p>
      </header>
      <Scope scope={report.scope} />
      <Mvp mvp={report.mvp} />
      <section className="report-section report-figures" aria-labelledby="report-figures">
        <h2 id="report-figures">{t('reportKeyFigures')}</h2>
        <p>
          {t('reportFigures', {
            notes: figures.notes,
            pains: report.pains.entries.length,
            ideas: report.ideas.entries.length,
            items: figures.items,
            stories: report.stories.length,
          })}
        </p>
      </section>
    </div>
  )
}
