/** The clusters, most votes first, each with its notes; the votes only when a round counted them. */
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { plural, useT } from '../i18n'
import { DepartmentSplit } from './RankedTable'
import { Empty, NoteText, Section } from './Section'

export function Clusters({ clusters }: { clusters: WorkshopReport['clusters'] }) {
  const t = useT()
  return (
    <Section id="clusters" title={t('reportClusters')}>
      {clusters.entries.length === 0 ? (
        <Empty>{t('reportNoClusters')}</Empty>
      ) : (
        clusters.entries.map(({ cluster, votes, byDepartment, members }) => (
          <div key={cluster.id} className="report-cluster">
            <h3>
              {cluster.title.trim() === '' ? t('reportUntitledCluster') : cluster.title}
              {clusters.votesShown && (
                <span className="report-votes">
                  {' '}
                  ({plural(t, 'votesCount', votes)}) <DepartmentSplit byDepartment={byDepartment} />
                </span>
              )}
            </h3>
            {members.length === 0 ? (
              <Empty>{t('reportNoClusterNotes')}</Empty>
            ) : (
              <ul>
                {members.map((note) => (
                  <li key={note.id}>
                    <NoteText text={note.text} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))
      )}
    </Section>
  )
}
