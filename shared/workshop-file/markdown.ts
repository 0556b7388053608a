/**
 * The workshop as a Markdown report (GitHub-flavoured: tables, `<br>` for line breaks): scope,
 * the journey as a table of stages × lanes with the emotion per stage, the top pains, clusters,
 * "How might we" statements, ideas, the MVP, the roadmap and the user stories.
 *
 * What the sections hold is the report model's (./report.ts, shared with the report page);
 * this file only words it: escaping, tables, labels and the emotion format. Works on the
 * exported value (WorkshopJson), so the server, the CLI and the browser all give the same text.
 * Pure and deterministic: no clock, no locale.
 */
import type { Quadrant } from '../board/note'
import type { RoadmapColumn } from '../deliver/roadmap'
import type { Story } from '../deliver/story'
import type { WorkshopJson } from './format'
import { dataMarkdown } from './data-section'
import { roundedEmotion, workshopReport, type JourneyTable, type NotePlace, type RankedNotes, type ScopeField, type WorkshopReport } from './report'

// ---------------------------------------------------------------------------------------------
// Escaping. Everything a person typed goes through `inline` (or `cell` in a table), so that no
// note can open a heading, a list, a link, raw HTML or a table column of its own.

/** Characters that may start Markdown syntax anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]/g

/**
 * One line of literal text: Markdown punctuation backslash-escaped, an `&` that would start an
 * entity escaped, line breaks as `<br>`, and what would begin a block (`#`, `-`, `+`, `1.`,
 * `>`) neutralised at the start.
 */
export function inline(value: string): string {
  const escaped = value
    .trim()
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/\r\n?|\n|\u2028|\u2029/g, '<br>')
  return escaped
}

/** A table cell: like `inline`, and never empty (an empty cell is kept as a space). */
export function cell(value: string): string {
  const escaped = inline(value)
  return escaped === '' ? ' ' : escaped
}

/** One line of a heading: line breaks become spaces. */
function headingText(value: string): string {
  return inline(value.replace(/\s*(\r\n?|\n|\u2028|\u2029)\s*/g, ' '))
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

// ---------------------------------------------------------------------------------------------
// Wording shared with the CSV export.

export const PRIORITY_LABEL: Record<Story['priority'], string> = {
  must: 'Must have',
  should: 'Should have',
  could: 'Could have',
  wont: 'Won’t have (this time)',
}

export const COLUMN_LABEL: Record<RoadmapColumn, string> = { now: 'Now', next: 'Next', later: 'Later' }

// ---------------------------------------------------------------------------------------------
// The report.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const SCOPE_LABEL: Record<ScopeField, string> = { persona: 'Persona', journeyStart: 'Journey starts', journeyEnd: 'Journey ends', goal: 'Goal' }

const QUADRANT_LABEL: Record<Quadrant, string> = { quickWin: 'Quick win', bigBet: 'Big bet', fillIn: 'Fill-in', moneyPit: 'Money pit' }

/** An emotion with its sign and a hyphen-minus; a blank cell (a space) when not set. */
function emotionLabel(value: number | undefined): string {
  if (value === undefined) return ' '
  const rounded = roundedEmotion(value)
  return rounded > 0 ? `+${rounded}` : `${rounded}`
}

/** "Stage / Lane"; a title that is set but blank keeps its place (the page drops it). */
function where(place: NotePlace): string {
  return [place.stage, place.lane].filter((part): part is string => part !== undefined).join(' / ')
}

function scope(report: WorkshopReport): string {
  const lines = report.scope.map(({ field, value }) => `- **${SCOPE_LABEL[field]}:** ${value === undefined ? '_not set_' : inline(value)}`)
  return ['## Scope', '', ...lines].join('\n')
}

function journey(grid: JourneyTable | undefined): string {
  if (grid === undefined) return '## Journey\n\n_No stages and lanes yet._'
  const cellText = (notes: readonly { text: string }[]) => {
    if (notes.length === 0) return ' '
    if (notes.length === 1) return cell(notes[0]!.text)
    return notes.map((note) => `• ${inline(note.text)}`).join('<br>')
  }
  const rows = [
    ['**Emotion**', ...grid.stages.map((stage) => emotionLabel(stage.emotion))],
    ...grid.lanes.map((lane) => [`**${inline(lane.title) || 'Untitled lane'}**`, ...lane.cells.map(cellText)]),
  ]
  return [
    '## Journey',
    '',
    'Stages as columns, lanes as rows; the emotion curve runs from −2 to +2.',
    '',
    table(['Lane', ...grid.stages.map((stage) => cell(stage.title))], rows),
  ].join('\n')
}

function rankedNotes(heading: string, what: 'Pain' | 'Idea', none: string, ranked: RankedNotes, placed = false): string {
  if (ranked.entries.length === 0) return `## ${heading}\n\n_No ${none} yet._`
  // Ideas placed on Develop's impact/effort matrix say where.
  const rows = ranked.entries.map(({ rank, note, votes, where: place, quadrant }) => {
    const row = [String(rank), cell(note.text), cell(where(place)), String(votes)]
    if (placed) row.push(quadrant === undefined ? '' : `${QUADRANT_LABEL[quadrant]} (impact ${note.impact}, effort ${note.effort})`)
    return row
  })
  const header = ['#', what, 'Where', 'Votes', ...(placed ? ['Impact / effort'] : [])]
  return [`## ${heading}`, '', table(header, rows)].join('\n')
}

function clusters({ entries, votesShown }: WorkshopReport['clusters']): string {
  if (entries.length === 0) return '## Clusters\n\n_No clusters yet._'
  const parts = ['## Clusters']
  for (const { cluster, votes, members } of entries) {
    const title = cluster.title.trim() === '' ? 'Untitled cluster' : headingText(cluster.title)
    parts.push('', `### ${title}${votesShown ? ` (${plural(votes, 'vote')})` : ''}`, '')
    parts.push(members.length === 0 ? '_No notes._' : members.map((note) => `- ${inline(note.text) || '_(empty note)_'}`).join('\n'))
  }
  return parts.join('\n')
}

function hmw({ entries, votesShown }: RankedNotes): string {
  if (entries.length === 0) return '## How might we …\n\n_No problem statements yet._'
  const lines = entries.map(({ note, votes }) => `- ${inline(note.text) || '_(empty)_'}${votesShown ? ` — ${plural(votes, 'vote')}` : ''}`)
  return ['## How might we …', '', ...lines].join('\n')
}

function mvp(entries: WorkshopReport['mvp']): string {
  if (entries.length === 0) return '## MVP\n\n_No roadmap item is marked as MVP yet._'
  const rows = entries.map(({ item, stories }) => [cell(item.title), COLUMN_LABEL[item.column], cell(item.owner ?? ''), cell(item.metric ?? ''), String(stories)])
  return ['## MVP', '', table(['Item', 'When', 'Owner', 'Metric', 'Stories'], rows)].join('\n')
}

function roadmap(columns: WorkshopReport['roadmap']): string {
  const parts = ['## Roadmap']
  for (const { column, items } of columns) {
    parts.push('', `### ${COLUMN_LABEL[column]}`, '')
    if (items.length === 0) {
      parts.push('_Nothing here yet._')
      continue
    }
    // "From": a promoted idea or HMW by its text, a promoted cluster by its name.
    const rows = items.map(({ item, source }) => [cell(item.title), cell(item.owner ?? ''), cell(item.metric ?? ''), item.mvp ? '✓ MVP' : ' ', cell(source?.text ?? '')])
    parts.push(table(['Item', 'Owner', 'Metric', 'MVP', 'From'], rows))
  }
  return parts.join('\n')
}

function stories(list: WorkshopReport['stories']): string {
  if (list.length === 0) return '## User stories\n\n_No user stories yet._'
  const parts = ['## User stories']
  for (const { number, story, sentence, roadmapItem: item, criteria } of list) {
    parts.push('', `### Story ${number} — ${PRIORITY_LABEL[story.priority]}`, '')
    parts.push(inline(sentence) || '_(empty story)_')
    if (item) parts.push('', `Roadmap: ${inline(item.title) || '_(untitled)_'} (${COLUMN_LABEL[item.column]}${item.mvp ? ', MVP' : ''})`)
    parts.push('', '**Acceptance criteria**', '')
    parts.push(criteria.length === 0 ? '_None yet._' : criteria.map((criterion) => `- [ ] ${inline(criterion)}`).join('\n'))
  }
  return parts.join('\n')
}

function otherNotes(notes: WorkshopReport['otherNotes']): string | undefined {
  if (notes.length === 0) return undefined
  return ['## Other notes', '', ...notes.map((note) => `- ${inline(note.text) || '_(empty note)_'}`)].join('\n')
}

/** The Markdown report of an exported workshop; an empty workshop gives a report of empty sections. */
export function workshopToMarkdown(json: WorkshopJson): string {
  const report = workshopReport(json)
  const sections = [
    `# ${report.title === undefined ? 'Untitled workshop' : headingText(report.title)}`,
    scope(report),
    journey(report.journey),
    rankedNotes('Top pains', 'Pain', 'pain points', report.pains),
    clusters(report.clusters),
    hmw(report.hmw),
    rankedNotes('Ideas', 'Idea', 'ideas', report.ideas, report.ideas.placed),
    mvp(report.mvp),
    roadmap(report.roadmap),
    stories(report.stories),
    otherNotes(report.otherNotes),
    dataMarkdown(json.data, { inline, cell }),
  ]
  return `${sections.filter((section): section is string => section !== undefined).join('\n\n')}\n`
}
