/** How the report page words the model's values that are not a person's text. */
import type { RoadmapColumn } from '../../../shared/deliver/roadmap'
import type { Priority } from '../../../shared/deliver/story'
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import type { MessageKey, Translate } from '../i18n'

export const COLUMN_LABEL: Record<RoadmapColumn, MessageKey> = { now: 'reportNow', next: 'reportNext', later: 'reportLater' }
export const PRIORITY_LABEL: Record<Priority, MessageKey> = { must: 'reportMust', should: 'reportShould', could: 'reportCould', wont: 'reportWont' }

/** The workshop's title, or "Untitled workshop" when it has none. */
export function workshopTitle(t: Translate, report: WorkshopReport): string {
  return report.title ?? t('reportUntitled')
}
