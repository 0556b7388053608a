/** How the report page words the model's values that are not a person's text. */
import type { RoadmapColumn } from '../../../shared/deliver/roadmap'
import type { Priority } from '../../../shared/deliver/story'
import type { DepartmentVotes, WorkshopReport } from '../../../shared/workshop-file/report'
import { formatNumber, type MessageKey, type Translate } from '../i18n'

export const COLUMN_LABEL: Record<RoadmapColumn, MessageKey> = { now: 'reportNow', next: 'reportNext', later: 'reportLater' }
export const PRIORITY_LABEL: Record<Priority, MessageKey> = { must: 'reportMust', should: 'reportShould', could: 'reportCould', wont: 'reportWont' }

/** The workshop's title, or "Untitled workshop" when it has none. */
export function workshopTitle(t: Translate, report: WorkshopReport): string {
  return report.title ?? t('reportUntitled')
}

/**
 * "(by department: Service 2, Sales 1)" as the closed round's results say it; undefined when no
 * vote has a department (the split would only repeat the count).
 */
export function departmentSplit(t: Translate, byDepartment: readonly DepartmentVotes[]): string | undefined {
  if (byDepartment.every((entry) => entry.department === '')) return undefined
  return t('votesByDepartment', { list: byDepartment.map(({ department, votes }) => `${department || t('noDepartment')} ${formatNumber(t, votes)}`).join(', ') })
}
