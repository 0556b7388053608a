/** Top pains and ideas: a table of notes, most votes first, with where each sits on the board. */
import type { Quadrant } from '../../../shared/board/note'
import type { NotePlace, RankedNotes } from '../../../shared/workshop-file/report'
import { useT, type MessageKey } from '../i18n'
import { departmentSplit } from './labels'
import { Empty, NoteText, Section } from './Section'

/** "Stage / Lane"; a blank stage or lane title is left out (the Markdown export keeps its place). */
const where = (place: NotePlace) => [place.stage, place.lane].filter((part) => part).join(' / ')

const QUADRANT_LABEL: Record<Quadrant, MessageKey> = { quickWin: 'reportQuickWin', bigBet: 'reportBigBet', fillIn: 'reportFillIn', moneyPit: 'reportMoneyPit' }

/** `quadrants`: add Develop's impact/effort column (the ideas, once any is placed). */
export function RankedTable(props: { id: string; title: string; empty: string; what: string; ranked: RankedNotes; quadrants?: boolean }) {
  const t = useT()
  const { id, title, empty, what, ranked, quadrants = false } = props
  return (
    <Section id={id} title={title}>
      {ranked.entries.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table className="report-table" aria-labelledby={`report-${id}`}>
          <thead>
            <tr>
              <th scope="col" className="report-number">
                #
              </th>
              <th scope="col">{what}</th>
              <th scope="col">{t('reportWhere')}</th>
              {quadrants && <th scope="col">{t('reportImpactEffort')}</th>}
              <th scope="col" className="report-number">
                {t('reportVotes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.entries.map(({ rank, note, votes, byDepartment, where: place, quadrant }) => (
              <tr key={note.id}>
                <td className="report-number">{rank}</td>
                <td>
                  <NoteText text={note.text} />
                </td>
                <td>{where(place)}</td>
                {quadrants && <td className={quadrant ? `report-quadrant report-${quadrant}` : 'report-muted'}>{quadrant ? t(QUADRANT_LABEL[quadrant]) : t('reportNotPlaced')}</td>}
                <td className="report-number">
                  {votes}
                  <DepartmentSplit byDepartment={byDepartment} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}

/** The votes per department under a count, when any voter had a department. */
export function DepartmentSplit({ byDepartment }: { byDepartment: RankedNotes['entries'][number]['byDepartment'] }) {
  const t = useT()
  const split = departmentSplit(t, byDepartment)
  return split === undefined ? null : <span className="report-departments">{split}</span>
}
