/**
 * The report's page once loaded, laid out as a document a team hands on: a cover (title, scope,
 * MVP, the workshop in numbers), the board as a picture, the journey table with notes coloured
 * by kind, top pains, clusters, "How might we", ideas with impact/effort, the roadmap, the user
 * stories and the other notes.
 */
import type { WorkshopJson } from '../../../shared/workshop-file/format'
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { LanguageSwitch } from '../components'
import { useLocale, useT } from '../i18n'
import { BoardImage } from './BoardImage'
import { Clusters } from './Clusters'
import { Cover } from './Cover'
import { Hmw } from './Hmw'
import { Journey } from './Journey'
import { workshopTitle } from './labels'
import { OtherNotes } from './OtherNotes'
import { RankedTable } from './RankedTable'
import { Roadmap } from './Roadmap'
import { Stories } from './Stories'
import { ReportData } from '../data/ReportData'

export function ReportView({ report, json, at, boardHref }: { report: WorkshopReport; json: WorkshopJson; at: number; boardHref: string }) {
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
      <Cover report={report} generated={generated} figures={{ notes: json.notes.length, items: json.roadmap.length }} />
      <BoardImage json={json} title={workshopTitle(t, report)} />
      <Journey journey={report.journey} />
      <RankedTable id="pains" title={t('reportTopPains')} empty={t('reportNoPains')} what={t('reportPain')} ranked={report.pains} />
      <Clusters clusters={report.clusters} />
      <Hmw hmw={report.hmw} />
      <RankedTable id="ideas" title={t('reportIdeas')} empty={t('reportNoIdeas')} what={t('reportIdea')} ranked={report.ideas} quadrants={report.ideas.placed} />
      <Roadmap roadmap={report.roadmap} />
      <Stories stories={report.stories} />
      <OtherNotes notes={report.otherNotes} />
      <ReportData data={report.data} />
    </main>
  )
}
