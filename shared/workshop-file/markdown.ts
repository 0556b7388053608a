/**
 * The workshop as a Markdown report (GitHub-flavoured: tables, `<br>` for line breaks): scope,
 * the journey as a table of stages × lanes with the emotion per stage, the top pains, clusters,
 * "How might we" statements, ideas, the MVP, the roadmap and the user stories.
 *
 * Works on the exported value (WorkshopJson), so the server, the CLI and the browser all give
 * the same text. Pure and deterministic: no clock, no locale.
 */
import { storySentence } from './report'
import { roundCountsFor, voteTotals } from '../voting/tally'
import type { WorkshopJson } from './format'
import type { RoundTargetKind } from '../voting/round'
import { quadrantOf, type Note, type Quadrant } from '../board/note'
import type { RoadmapColumn, RoadmapItem } from '../deliver/roadmap'
import type { Story } from '../deliver/story'

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

const orNotSet = (value: string) => (value.trim() === '' ? '_not set_' : inline(value))

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

interface Context {
  json: WorkshopJson
  notesById: Map<string, Note>
  stageTitle: Map<string, string>
  laneTitle: Map<string, string>
  /** Whether any round counts for `kind` (its own, or for notes one on all notes). */
  hasRound: (kind: RoundTargetKind) => boolean
  noteIds: ReadonlySet<string>
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const QUADRANT_LABEL: Record<Quadrant, string> = { quickWin: 'Quick win', bigBet: 'Big bet', fillIn: 'Fill-in', moneyPit: 'Money pit' }

function emotionLabel(value: number | undefined): string {
  if (value === undefined) return ' '
  const rounded = Math.round(value * 100) / 100
  return rounded > 0 ? `+${rounded}` : `${rounded}`
}

function where(ctx: Context, note: Note): string {
  const stage = note.stageId === undefined ? undefined : ctx.stageTitle.get(note.stageId)
  const lane = note.laneId === undefined ? undefined : ctx.laneTitle.get(note.laneId)
  return [stage, lane].filter((part): part is string => part !== undefined).join(' / ')
}

/** Notes by votes (most first), ties in board order. */
function ranked(notes: Note[], totals: Map<string, number>): { note: Note; votes: number }[] {
  return notes
    .map((note, index) => ({ note, votes: totals.get(note.id) ?? 0, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
}

function scope(ctx: Context): string {
  const { meta } = ctx.json
  return [
    '## Scope',
    '',
    `- **Persona:** ${orNotSet(meta.persona)}`,
    `- **Journey starts:** ${orNotSet(meta.journeyStart)}`,
    `- **Journey ends:** ${orNotSet(meta.journeyEnd)}`,
    `- **Goal:** ${orNotSet(meta.goal)}`,
  ].join('\n')
}

function isInCell(ctx: Context, note: Note): boolean {
  return note.stageId !== undefined && note.laneId !== undefined && ctx.stageTitle.has(note.stageId) && ctx.laneTitle.has(note.laneId)
}

function journey(ctx: Context): string {
  const { stages, lanes, emotions } = ctx.json
  if (stages.length === 0 || lanes.length === 0) return '## Journey\n\n_No stages and lanes yet._'
  const cells = new Map<string, Note[]>()
  for (const note of ctx.json.notes) {
    if (!isInCell(ctx, note)) continue
    const key = `${note.stageId}/${note.laneId}`
    cells.set(key, [...(cells.get(key) ?? []), note])
  }
  const cellText = (stageId: string, laneId: string) => {
    const notes = (cells.get(`${stageId}/${laneId}`) ?? []).slice().sort((a, b) => a.y - b.y || a.x - b.x)
    if (notes.length === 0) return ' '
    if (notes.length === 1) return cell(notes[0]!.text)
    return notes.map((note) => `• ${inline(note.text)}`).join('<br>')
  }
  const rows = [
    ['**Emotion**', ...stages.map((stage) => emotionLabel(emotions[stage.id]))],
    ...lanes.map((lane) => [`**${inline(lane.title) || 'Untitled lane'}**`, ...stages.map((stage) => cellText(stage.id, lane.id))]),
  ]
  return [
    '## Journey',
    '',
    'Stages as columns, lanes as rows; the emotion curve runs from −2 to +2.',
    '',
    table(['Lane', ...stages.map((stage) => cell(stage.title))], rows),
  ].join('\n')
}

function rankedNotes(ctx: Context, heading: string, kind: 'pain' | 'idea', what: string): string {
  const notes = ctx.json.notes.filter((note) => note.kind === kind)
  if (notes.length === 0) return `## ${heading}\n\n_No ${what} yet._`
  const totals = voteTotals(ctx.json, kind, new Set(notes.map((n) => n.id)), ctx.noteIds)
  // Ideas placed on Develop's impact/effort matrix say where.
  const placed = kind === 'idea' && notes.some((note) => quadrantOf(note) !== undefined)
  const rows = ranked(notes, totals).map(({ note, votes }, i) => {
    const row = [String(i + 1), cell(note.text), cell(where(ctx, note)), String(votes)]
    const quadrant = quadrantOf(note)
    if (placed) row.push(quadrant === undefined ? '' : `${QUADRANT_LABEL[quadrant]} (impact ${note.impact}, effort ${note.effort})`)
    return row
  })
  const header = ['#', kind === 'pain' ? 'Pain' : 'Idea', 'Where', 'Votes', ...(placed ? ['Impact / effort'] : [])]
  return [`## ${heading}`, '', table(header, rows)].join('\n')
}

function clusters(ctx: Context): string {
  const { clusters: list, notes } = ctx.json
  if (list.length === 0) return '## Clusters\n\n_No clusters yet._'
  const withVotes = ctx.hasRound('cluster')
  const totals = voteTotals(ctx.json, 'cluster', new Set(list.map((c) => c.id)))
  const sorted = list
    .map((cluster, index) => ({ cluster, votes: totals.get(cluster.id) ?? 0, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
  const parts = ['## Clusters']
  for (const { cluster, votes } of sorted) {
    const title = cluster.title.trim() === '' ? 'Untitled cluster' : headingText(cluster.title)
    parts.push('', `### ${title}${withVotes ? ` (${plural(votes, 'vote')})` : ''}`, '')
    const members = notes.filter((note) => note.clusterId === cluster.id)
    parts.push(members.length === 0 ? '_No notes._' : members.map((note) => `- ${inline(note.text) || '_(empty note)_'}`).join('\n'))
  }
  return parts.join('\n')
}

function hmw(ctx: Context): string {
  const notes = ctx.json.notes.filter((note) => note.kind === 'hmw')
  if (notes.length === 0) return '## How might we …\n\n_No problem statements yet._'
  const withVotes = ctx.hasRound('hmw')
  const totals = voteTotals(ctx.json, 'hmw', new Set(notes.map((n) => n.id)), ctx.noteIds)
  const lines = ranked(notes, totals).map(({ note, votes }) => `- ${inline(note.text) || '_(empty)_'}${withVotes ? ` — ${plural(votes, 'vote')}` : ''}`)
  return ['## How might we …', '', ...lines].join('\n')
}

function sourceText(ctx: Context, sourceId: string | undefined): string {
  if (sourceId === undefined) return ''
  // A promoted idea or HMW is a note; a promoted cluster goes by its name.
  return ctx.notesById.get(sourceId)?.text ?? ctx.json.clusters.find((cluster) => cluster.id === sourceId)?.title ?? ''
}

function storiesOf(ctx: Context, roadmapId: string): Story[] {
  return ctx.json.stories.filter((story) => story.roadmapId === roadmapId)
}

function mvp(ctx: Context): string {
  const items = ctx.json.roadmap.filter((item) => item.mvp)
  if (items.length === 0) return '## MVP\n\n_No roadmap item is marked as MVP yet._'
  const rows = items.map((item) => [
    cell(item.title),
    COLUMN_LABEL[item.column],
    cell(item.owner ?? ''),
    cell(item.metric ?? ''),
    String(storiesOf(ctx, item.id).length),
  ])
  return ['## MVP', '', table(['Item', 'When', 'Owner', 'Metric', 'Stories'], rows)].join('\n')
}

function roadmap(ctx: Context): string {
  const parts = ['## Roadmap']
  for (const column of ['now', 'next', 'later'] as const) {
    const items: RoadmapItem[] = ctx.json.roadmap.filter((item) => item.column === column)
    parts.push('', `### ${COLUMN_LABEL[column]}`, '')
    if (items.length === 0) {
      parts.push('_Nothing here yet._')
      continue
    }
    const rows = items.map((item) => [
      cell(item.title),
      cell(item.owner ?? ''),
      cell(item.metric ?? ''),
      item.mvp ? '✓ MVP' : ' ',
      cell(sourceText(ctx, item.sourceId)),
    ])
    parts.push(table(['Item', 'Owner', 'Metric', 'MVP', 'From'], rows))
  }
  return parts.join('\n')
}

function stories(ctx: Context): string {
  const list = ctx.json.stories
  if (list.length === 0) return '## User stories\n\n_No user stories yet._'
  const roadmapById = new Map(ctx.json.roadmap.map((item) => [item.id, item]))
  const parts = ['## User stories']
  list.forEach((story, i) => {
    parts.push('', `### Story ${i + 1} — ${PRIORITY_LABEL[story.priority]}`, '')
    parts.push(inline(storySentence(story)) || '_(empty story)_')
    const item = story.roadmapId === undefined ? undefined : roadmapById.get(story.roadmapId)
    if (item) parts.push('', `Roadmap: ${inline(item.title) || '_(untitled)_'} (${COLUMN_LABEL[item.column]}${item.mvp ? ', MVP' : ''})`)
    parts.push('', '**Acceptance criteria**', '')
    const criteria = story.acceptance.filter((criterion) => criterion.trim() !== '')
    parts.push(criteria.length === 0 ? '_None yet._' : criteria.map((criterion) => `- [ ] ${inline(criterion)}`).join('\n'))
  })
  return parts.join('\n')
}

function otherNotes(ctx: Context): string | undefined {
  const notes = ctx.json.notes.filter((note) => note.kind === 'note' && !isInCell(ctx, note) && note.clusterId === undefined)
  if (notes.length === 0) return undefined
  return ['## Other notes', '', ...notes.map((note) => `- ${inline(note.text) || '_(empty note)_'}`)].join('\n')
}

/** The Markdown report of an exported workshop; an empty workshop gives a report of empty sections. */
export function workshopToMarkdown(json: WorkshopJson): string {
  const kinds = new Set(json.rounds.map((round) => round.targetKind))
  const ctx: Context = {
    json,
    notesById: new Map(json.notes.map((note) => [note.id, note])),
    stageTitle: new Map(json.stages.map((stage) => [stage.id, stage.title])),
    laneTitle: new Map(json.lanes.map((lane) => [lane.id, lane.title])),
    hasRound: (kind) => [...kinds].some((roundKind) => roundCountsFor(roundKind, kind)),
    noteIds: new Set(json.notes.map((note) => note.id)),
  }
  const title = json.meta.title.trim() === '' ? 'Untitled workshop' : headingText(json.meta.title)
  const sections = [
    `# ${title}`,
    scope(ctx),
    journey(ctx),
    rankedNotes(ctx, 'Top pains', 'pain', 'pain points'),
    clusters(ctx),
    hmw(ctx),
    rankedNotes(ctx, 'Ideas', 'idea', 'ideas'),
    mvp(ctx),
    roadmap(ctx),
    stories(ctx),
    otherNotes(ctx),
  ]
  return `${sections.filter((section): section is string => section !== undefined).join('\n\n')}\n`
}
