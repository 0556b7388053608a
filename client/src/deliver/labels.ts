/** Message keys for the roadmap's columns and the stories' MoSCoW priorities. */
import type { RoadmapColumn } from '../../../shared/deliver/roadmap'
import type { Priority } from '../../../shared/deliver/story'
import type { MessageKey } from '../i18n'

export const COLUMN_LABEL: Record<RoadmapColumn, MessageKey> = { now: 'columnNow', next: 'columnNext', later: 'columnLater' }
export const PRIORITY_LABEL: Record<Priority, MessageKey> = { must: 'priorityMust', should: 'priorityShould', could: 'priorityCould', wont: 'priorityWont' }
