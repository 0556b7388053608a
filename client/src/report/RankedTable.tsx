/** Top pains and ideas: a table of notes, most votes first, with where each sits on the board. */
import type { NotePlace, RankedNotes } from '../../../shared/workshop-file/report'
import { useT } from '../i18n'
import { Empty, NoteText, Section } from './Section'

/** "Stage / Lane"; a blank stage or lane title is left out (the Markdown export keeps its place). */
const where = (place: NotePlace) => [place.stage, place.lane].filter((part) => part).join(' / ')

export function RankedTable(props: { id: string; title: string; empty: string; what: string; ranked: RankedNotes }) {
  const t = useT()
  const { id, title, empty, what, ranked } = props
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
              <th scope="col" className="report-number">
                {t('reportVotes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.entries.map(({ rank, note, votes, where: place }) => (
              <tr key={note.id}>
                <td className="report-number">{rank}</td>
                <td>
                  <NoteText text={note.text} />
                </td>
                <td>{where(place)}</td>
                <td className="report-number">{votes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}
