/** The report's page once loaded: its actions, its header and the sections in order. */
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { LanguageSwitch } from '../components'
import { useLocale, useT } from '../i18n'
import { Clusters } from './Clusters'
import { Hmw } from './Hmw'
import { Journey } from './Journey'
import { workshopTitle } from './labels'
import { Mvp } from './Mvp'
import { OtherNotes } from './OtherNotes'
import { RankedTable } from './RankedTable'
import { Roadmap } from './Roadmap'
import { Scope } from './Scope'
import { Stories } from './Stories'
import { ReportData } from '../data/ReportData'

export function ReportView({ report, at, boardHref }: { report: WorkshopReport; at: number; boardHref: string }) {
  const t = useT()
  const locale = useLocale((s) => s.locale)
  const generated = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(at)

  return (
    <main className="report">
      <nav className="report-actions" aria-label={t('reportActions')}>
        <button type="button" onClick={() => window.print()}>
          {t('reportPrint')}
        </button>
        <a href={boardHref}>{t('reportBackToBoard')}</a>
        <LanguageSwitch />
      </nav>
      <p className="report-hint">{t('reportPrintHint')}</p>
      <header className="report-header">
        <h1>{workshopTitle(t, report)}</h1>
        <p className="report-generated">{t('reportGenerated', { date: generated })}</p>
      </header>

      <Scope scope={report.scope} />
      <Journey journey={report.journey} />
      <RankedTable id="pains" title={t('reportTopPains')} empty={t('reportNoPains')} what={t('reportPain')} ranked={report.pains} />
      <Clusters clusters={report.clusters} />
      <Hmw hmw={report.hmw} />
      <RankedTable id="ideas" title={t('reportIdeas')} empty={t('reportNoIdeas')} what={t('reportIdea')} ranked={report.ideas} />
      <Mvp mvp={report.mvp} />
      <Roadmap roadmap={report.roadmap} />
      <Stories stories={report.stories} />
      <OtherNotes notes={report.otherNotes} />
      <ReportData data={report.data} />
    </main>
  )
}
