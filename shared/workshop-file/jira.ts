/**
 * User stories as a CSV file for Jira's CSV importer: the roadmap items as epics, then one row
 * per story linked to its item's epic, with Summary, Description, Issue Type, Priority, Issue
 * ID, Parent and Labels.
 *
 * - Epics and their stories through `Issue ID` and `Parent`: each row gets a number of its own
 *   in `Issue ID` (1, 2, 3 … — only a reference inside the file, Jira gives the real keys), and
 *   a story on the roadmap names its item's epic in `Parent`. That is how current Jira Cloud
 *   links children to an epic on import: Atlassian deprecated the `Epic Link` and `Epic Name`
 *   fields in 2024 and its knowledge-base article "CSV import parent-child mapping" maps the
 *   `Parent` column to the parent's Issue ID, with the epics in the rows above their children
 *   (as here). Every roadmap item is an epic, stories or not, so the roadmap arrives whole.
 * - A UTF-8 byte-order mark first: Excel (the usual way a team looks at the file before the
 *   import) otherwise reads it as Windows-1252 and shows "Zoë", "×" and curly quotes garbled;
 *   Jira's importer reads the file as UTF-8 (its default encoding) and skips the mark.
 * - RFC 4180 quoting (csv-stringify), CRLF between records, UTF-8 text as is: commas, quotes,
 *   line breaks and non-ASCII survive. Written by `toCsv` (./csv.ts), which also defuses
 *   formula injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets
 *   a leading apostrophe. A story's cells start with fixed words ("As …", "I want …", "so that
 *   …", "Untitled story", "Acceptance criteria:" — or their Dutch); an epic's summary is the
 *   roadmap item's title, which people typed, so there the apostrophe does its work.
 * - MoSCoW → Jira's default priorities: must → Highest, should → High, could → Medium,
 *   wont → Low. The MoSCoW value is also kept exactly as a label (`moscow-wont` …), because a
 *   project's priority scheme may differ. Epics have no priority.
 * - Labels (Jira labels cannot contain spaces): `horizon`, `moscow-<priority>` (stories), and
 *   for an epic or a story on the roadmap `roadmap-<now|next|later>` and `mvp`. Jira takes
 *   several values of a multi-value field from several columns with the same header, so there
 *   are JIRA_LABEL_COLUMNS `Labels` columns, unused ones empty.
 * - Story sentences and the fixed words follow the workshop's language (meta.language).
 */
import { storySentence } from './report'
import type { WorkshopJson } from './format'
import type { RoadmapItem } from '../deliver/roadmap'
import type { Priority, Story } from '../deliver/story'
import type { WorkshopLanguage } from '../board/meta'
import { toCsv } from './csv'

export const JIRA_PRIORITY: Record<Priority, string> = {
  must: 'Highest',
  should: 'High',
  could: 'Medium',
  wont: 'Low',
}

export const JIRA_LABEL_COLUMNS = 4
export const JIRA_HEADER = ['Summary', 'Description', 'Issue Type', 'Priority', 'Issue ID', 'Parent', ...Array<string>(JIRA_LABEL_COLUMNS).fill('Labels')]

/** The UTF-8 byte-order mark the file starts with (for Excel; Jira skips it). */
export const BOM = '\uFEFF'

/** Jira's limit for a summary. */
export const JIRA_SUMMARY_MAX = 255

const WORDS = {
  en: { untitledStory: 'Untitled story', untitledItem: 'Untitled roadmap item', criteria: 'Acceptance criteria:', owner: 'Owner', metric: 'Metric', column: 'Roadmap', now: 'Now', next: 'Next', later: 'Later', mvp: 'MVP' },
  nl: { untitledStory: 'Naamloze user story', untitledItem: 'Naamloos roadmap-item', criteria: 'Acceptatiecriteria:', owner: 'Eigenaar', metric: 'Meetwaarde', column: 'Roadmap', now: 'Nu', next: 'Straks', later: 'Later', mvp: 'MVP' },
} as const

function cut(line: string): string {
  if (line.length <= JIRA_SUMMARY_MAX) return line
  // Cut at a character boundary (never half a surrogate pair), and say that it was cut.
  let result = ''
  for (const ch of Array.from(line)) {
    if (result.length + ch.length > JIRA_SUMMARY_MAX - 1) break
    result += ch
  }
  return `${result.trimEnd()}…`
}

function summary(story: Story, language: WorkshopLanguage | undefined): string {
  return cut(storySentence(story, { full: false, language }) || storySentence(story, { language }) || WORDS[language ?? 'en'].untitledStory)
}

function description(story: Story, language: WorkshopLanguage | undefined): string {
  const parts = [storySentence(story, { language })]
  const criteria = story.acceptance.map((criterion) => criterion.trim()).filter((criterion) => criterion !== '')
  if (criteria.length > 0) parts.push(`${WORDS[language ?? 'en'].criteria}\n${criteria.map((criterion) => `* ${criterion.replace(/\r\n?|\n/g, ' ')}`).join('\n')}`)
  return parts.filter((part) => part !== '').join('\n\n')
}

function epicDescription(item: RoadmapItem, language: WorkshopLanguage | undefined): string {
  const words = WORDS[language ?? 'en']
  const lines = [`${words.column}: ${words[item.column]}${item.mvp ? ` (${words.mvp})` : ''}`]
  if (item.owner?.trim()) lines.push(`${words.owner}: ${item.owner.trim()}`)
  if (item.metric?.trim()) lines.push(`${words.metric}: ${item.metric.trim()}`)
  return lines.join('\n')
}

function roadmapLabels(item: RoadmapItem | undefined): string[] {
  if (!item) return []
  return item.mvp ? [`roadmap-${item.column}`, 'mvp'] : [`roadmap-${item.column}`]
}

const labelCells = (tags: string[]) => Array.from({ length: JIRA_LABEL_COLUMNS }, (_, i) => tags[i] ?? '')

/**
 * The rows after the header: an epic per roadmap item (roadmap order), then one row per story
 * in the stories' order, each naming its epic's Issue ID in `Parent`.
 */
export function jiraRows(json: WorkshopJson): string[][] {
  const language = json.meta.language
  const epicId = new Map(json.roadmap.map((item, i) => [item.id, String(i + 1)]))
  const roadmap = new Map(json.roadmap.map((item) => [item.id, item]))
  const epics = json.roadmap.map((item) => [
    cut(item.title.replace(/\s+/g, ' ').trim() || WORDS[language ?? 'en'].untitledItem),
    epicDescription(item, language),
    'Epic',
    '',
    epicId.get(item.id) ?? '',
    '',
    ...labelCells(['horizon', ...roadmapLabels(item)]),
  ])
  const stories = json.stories.map((story, i) => {
    const item = story.roadmapId === undefined ? undefined : roadmap.get(story.roadmapId)
    return [
      summary(story, language),
      description(story, language),
      'Story',
      JIRA_PRIORITY[story.priority],
      String(json.roadmap.length + i + 1),
      item ? (epicId.get(item.id) ?? '') : '',
      ...labelCells(['horizon', `moscow-${story.priority}`, ...roadmapLabels(item)]),
    ]
  })
  return [...epics, ...stories]
}

/** The CSV text, after a byte-order mark; a workshop without roadmap or stories gives the header row alone. */
export function workshopToJiraCsv(json: WorkshopJson): string {
  return BOM + toCsv([JIRA_HEADER, ...jiraRows(json)])
}
