/**
 * User stories as a CSV file for Jira's CSV importer: one row per story with Summary,
 * Description, Issue Type, Priority and Labels.
 *
 * - RFC 4180 quoting (csv-stringify), CRLF between records, UTF-8 text as is: commas, quotes,
 *   line breaks and non-ASCII survive. Written by `toCsv` (./csv.ts), which also defuses
 *   formula injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets
 *   a leading apostrophe. No cell of this file starts with people's text today (a summary and a
 *   description start with "As …", "I want …", "so that …", "Untitled story" or "Acceptance
 *   criteria:"; the other columns are fixed words), so that is a second line of defence.
 * - MoSCoW → Jira's default priorities: must → Highest, should → High, could → Medium,
 *   wont → Low. The MoSCoW value is also kept exactly as a label (`moscow-wont` …), because a
 *   project's priority scheme may differ.
 * - Labels (Jira labels cannot contain spaces): `horizon`, `moscow-<priority>`, and for a story
 *   on the roadmap `roadmap-<now|next|later>` and `mvp`. Jira takes several values of a
 *   multi-value field from several columns with the same header, so there are
 *   JIRA_LABEL_COLUMNS `Labels` columns, unused ones empty.
 */
import { storySentence } from './report'
import type { WorkshopJson } from './format'
import type { RoadmapItem } from '../deliver/roadmap'
import type { Priority, Story } from '../deliver/story'
import { toCsv } from './csv'


export const JIRA_PRIORITY: Record<Priority, string> = {
  must: 'Highest',
  should: 'High',
  could: 'Medium',
  wont: 'Low',
}

export const JIRA_LABEL_COLUMNS = 4
export const JIRA_HEADER = ['Summary', 'Description', 'Issue Type', 'Priority', ...Array<string>(JIRA_LABEL_COLUMNS).fill('Labels')]

/** Jira's limit for a summary. */
export const JIRA_SUMMARY_MAX = 255

function summary(story: Story): string {
  const line = storySentence(story, { full: false }) || storySentence(story) || 'Untitled story'
  if (line.length <= JIRA_SUMMARY_MAX) return line
  // Cut at a character boundary (never half a surrogate pair), and say that it was cut.
  const chars = Array.from(line)
  let cut = ''
  for (const ch of chars) {
    if (cut.length + ch.length > JIRA_SUMMARY_MAX - 1) break
    cut += ch
  }
  return `${cut.trimEnd()}…`
}

function description(story: Story): string {
  const parts = [storySentence(story)]
  const criteria = story.acceptance.map((criterion) => criterion.trim()).filter((criterion) => criterion !== '')
  if (criteria.length > 0) parts.push(`Acceptance criteria:\n${criteria.map((criterion) => `* ${criterion.replace(/\r\n?|\n/g, ' ')}`).join('\n')}`)
  return parts.filter((part) => part !== '').join('\n\n')
}

function labels(story: Story, item: RoadmapItem | undefined): string[] {
  const result = ['horizon', `moscow-${story.priority}`]
  if (item) {
    result.push(`roadmap-${item.column}`)
    if (item.mvp) result.push('mvp')
  }
  return result
}

/** The rows after the header: one per story, in the export's order (priority, then id). */
export function jiraRows(json: WorkshopJson): string[][] {
  const roadmap = new Map(json.roadmap.map((item) => [item.id, item]))
  return json.stories.map((story) => {
    const item = story.roadmapId === undefined ? undefined : roadmap.get(story.roadmapId)
    const tags = labels(story, item)
    return [
      summary(story),
      description(story),
      'Story',
      JIRA_PRIORITY[story.priority],
      ...Array.from({ length: JIRA_LABEL_COLUMNS }, (_, i) => tags[i] ?? ''),
    ]
  })
}

/** The CSV text; a workshop without stories gives the header row alone. */
export function workshopToJiraCsv(json: WorkshopJson): string {
  return toCsv([JIRA_HEADER, ...jiraRows(json)])
}
