/** The "How might we" statements, most votes first; the votes only when a round counted them. */
import type { RankedNotes } from '../../../shared/workshop-file/report'
import { plural, useT } from '../i18n'
import { DepartmentSplit } from './RankedTable'
import { Empty, NoteText, Section } from './Section'

export function Hmw({ hmw }: { hmw: RankedNotes }) {
  const t = useT()
  return (
    <Section id="hmw" title={t('reportHmw')}>
      {hmw.entries.length === 0 ? (
        <Empty>{t('reportNoHmw')}</Empty>
      ) : (
        <ul className="report-hmw">
          {hmw.entries.map(({ note, votes, byDepartment }) => (
            <li key={note.id}>
              <NoteText text={note.text} />
              {hmw.votesShown && (
                <span className="report-votes">
                  {' '}
                  — {plural(t, 'votesCount', votes)} <DepartmentSplit byDepartment={byDepartment} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
