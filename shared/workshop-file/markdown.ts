/**
 * The workshop as a Markdown report (GitHub-flavoured: tables, `<br>` for line breaks): scope,
 * the journey as a table of stages × lanes with the emotion per stage, the top pains, clusters,
 * "How might we" statements, ideas, the MVP, the roadmap and the user stories.
 *
 * What the sections hold is the report model's (./report.ts, shared with the report page);
 * this file only words it: escaping, tables, labels and the emotion format. Works on the
 * exported value (WorkshopJson), so the server, the CLI and the browser all give the same text.
 * The words follow the workshop's language (./report-words.ts, shared with the report page).
 * Pure and deterministic: no clock, no locale of the machine.
 */
import type { Quadrant } from '../board/note'
import type { RoadmapColumn } from '../deliver/roadmap'
import type { Story } from '../deliver/story'
import type { WorkshopJson } from './format'
import { dataMarkdown } from './data-section'
import { roundedEmotion, workshopReport, type DepartmentVotes, type JourneyTable, type NotePlace, type RankedNotes, type ScopeField, type WorkshopReport } from './report'
import { exportLanguage, fillWords, type ExportLanguage, type ReportWordKey } from './report-words'

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
// The report.

/** The words and number format of the workshop's language (./report-words.ts). */
type Lang = ExportLanguage

const SCOPE_LABEL: Record<ScopeField, ReportWordKey> = { persona: 'reportPersona', journeyStart: 'reportJourneyStart', journeyEnd: 'reportJourneyEnd', goal: 'reportGoal' }

const QUADRANT_LABEL: Record<Quadrant, ReportWordKey> = { quickWin: 'reportQuickWin', bigBet: 'reportBigBet', fillIn: 'reportFillIn', moneyPit: 'reportMoneyPit' }

const COLUMN_WORD: Record<RoadmapColumn, ReportWordKey> = { now: 'reportNow', next: 'reportNext', later: 'reportLater' }

const PRIORITY_WORD: Record<Story['priority'], ReportWordKey> = { must: 'reportMust', should: 'reportShould', could: 'reportCould', wont: 'reportWont' }

const plural = (L: Lang, n: number) => fillWords(L.words[n === 1 ? 'mdVoteOne' : 'mdVotes'], { n: L.num(n) })

/** "_No pain points yet._": a fixed sentence in italics. */
const italic = (text: string) => `_${text}_`

/** An emotion with its sign and a hyphen-minus; a blank cell (a space) when not set. */
function emotionLabel(L: Lang, value: number | undefined): string {
  if (value === undefined) return ' '
  const rounded = roundedEmotion(value)
  return rounded > 0 ? `+${L.num(rounded)}` : L.num(rounded).replace('\u2212', '-')
}

/** "Stage / Lane"; a title that is set but blank keeps its place (the page drops it). */
function where(place: NotePlace): string {
  return [place.stage, place.lane].filter((part): part is string => part !== undefined).join(' / ')
}

/**
 * "(by department: Service 5, Sales 2)" after a vote count, or '' when no vote has a department
 * (then the split says nothing the count does not).
 */
export function departmentSplit(L: Lang, byDepartment: readonly DepartmentVotes[] | undefined, escape: (value: string) => string): string {
  if (!byDepartment || byDepartment.every((entry) => entry.department === '')) return ''
  const list = byDepartment.map(({ department, votes }) => `${department === '' ? L.words.noDepartment : escape(department)} ${L.num(votes)}`).join(', ')
  return ` ${fillWords(L.words.votesByDepartment, { list })}`
}

function scope(L: Lang, report: WorkshopReport): string {
  const lines = report.scope.map(({ field, value }) => `- **${L.words[SCOPE_LABEL[field]]}:** ${value === undefined ? italic(L.words.reportNotSet) : inline(value)}`)
  return [`## ${L.words.reportScope}`, '', ...lines].join('\n')
}

function journey(L: Lang, grid: JourneyTable | undefined): string {
  const w = L.words
  if (grid === undefined) return `## ${w.reportJourney}\n\n${italic(w.reportNoJourney)}`
  const cellText = (notes: readonly { text: string }[]) => {
    if (notes.length === 0) return ' '
    if (notes.length === 1) return cell(notes[0]!.text)
    return notes.map((note) => `• ${inline(note.text)}`).join('<br>')
  }
  const rows = [
    [`**${w.reportEmotion}**`, ...grid.stages.map((stage) => emotionLabel(L, stage.emotion))],
    ...grid.lanes.map((lane) => [`**${inline(lane.title) || w.reportUntitledLane}**`, ...lane.cells.map(cellText)]),
  ]
  return [`## ${w.reportJourney}`, '', w.reportJourneyHint, '', table([w.reportLane, ...grid.stages.map((stage) => cell(stage.title))], rows)].join('\n')
}

function rankedNotes(L: Lang, heading: string, what: string, none: string, ranked: RankedNotes, placed = false): string {
  const w = L.words
  if (ranked.entries.length === 0) return `## ${heading}\n\n${italic(none)}`
  // Ideas placed on Develop's impact/effort matrix say where.
  const rows = ranked.entries.map(({ rank, note, votes, where: place, quadrant, byDepartment }) => {
    const row = [L.num(rank), cell(note.text), cell(where(place)), `${L.num(votes)}${departmentSplit(L, byDepartment, inline)}`]
    if (placed) row.push(quadrant === undefined ? '' : fillWords(w.mdPlaced, { quadrant: w[QUADRANT_LABEL[quadrant]], impact: w[note.impact === 'high' ? 'mdHigh' : 'mdLow'], effort: w[note.effort === 'high' ? 'mdHigh' : 'mdLow'] }))
    return row
  })
  const header = ['#', what, w.reportWhere, w.reportVotes, ...(placed ? [w.reportImpactEffort] : [])]
  return [`## ${heading}`, '', table(header, rows)].join('\n')
}

function clusters(L: Lang, { entries, votesShown }: WorkshopReport['clusters']): string {
  const w = L.words
  if (entries.length === 0) return `## ${w.reportClusters}\n\n${italic(w.reportNoClusters)}`
  const parts = [`## ${w.reportClusters}`]
  for (const { cluster, votes, members, byDepartment } of entries) {
    const title = cluster.title.trim() === '' ? w.reportUntitledCluster : headingText(cluster.title)
    parts.push('', `### ${title}${votesShown ? ` (${plural(L, votes)})${departmentSplit(L, byDepartment, headingText)}` : ''}`, '')
    parts.push(members.length === 0 ? italic(w.reportNoClusterNotes) : members.map((note) => `- ${inline(note.text) || italic(w.reportEmptyNote)}`).join('\n'))
  }
  return parts.join('\n')
}

function hmw(L: Lang, { entries, votesShown }: RankedNotes): string {
  const w = L.words
  if (entries.length === 0) return `## ${w.reportHmw}\n\n${italic(w.reportNoHmw)}`
  const lines = entries.map(({ note, votes, byDepartment }) => `- ${inline(note.text) || italic(w.mdEmpty)}${votesShown ? ` — ${plural(L, votes)}${departmentSplit(L, byDepartment, inline)}` : ''}`)
  return [`## ${w.reportHmw}`, '', ...lines].join('\n')
}

function mvp(L: Lang, entries: WorkshopReport['mvp']): string {
  const w = L.words
  if (entries.length === 0) return `## ${w.reportMvp}\n\n${italic(w.reportNoMvp)}`
  const rows = entries.map(({ item, stories }) => [cell(item.title), w[COLUMN_WORD[item.column]], cell(item.owner ?? ''), cell(item.metric ?? ''), L.num(stories)])
  return [`## ${w.reportMvp}`, '', table([w.reportItem, w.reportWhen, w.reportOwner, w.reportMetric, w.reportStories], rows)].join('\n')
}

function roadmap(L: Lang, columns: WorkshopReport['roadmap']): string {
  const w = L.words
  const parts = [`## ${w.reportRoadmap}`]
  for (const { column, items } of columns) {
    parts.push('', `### ${w[COLUMN_WORD[column]]}`, '')
    if (items.length === 0) {
      parts.push(italic(w.reportEmptyColumn))
      continue
    }
    // "From": a promoted idea or HMW by its text, a promoted cluster by its name.
    const rows = items.map(({ item, source }) => [cell(item.title), cell(item.owner ?? ''), cell(item.metric ?? ''), item.mvp ? '✓ MVP' : ' ', cell(source?.text ?? '')])
    parts.push(table([w.reportItem, w.reportOwner, w.reportMetric, w.reportMvp, w.reportFrom], rows))
  }
  return parts.join('\n')
}

function stories(L: Lang, list: WorkshopReport['stories']): string {
  const w = L.words
  if (list.length === 0) return `## ${w.reportUserStories}\n\n${italic(w.reportNoStories)}`
  const parts = [`## ${w.reportUserStories}`]
  for (const { number, story, sentence, roadmapItem: item, criteria } of list) {
    parts.push('', `### ${fillWords(w.reportStoryHeading, { n: L.num(number), priority: w[PRIORITY_WORD[story.priority]] })}`, '')
    parts.push(inline(sentence) || italic(w.reportEmptyStory))
    if (item) parts.push('', fillWords(item.mvp ? w.reportStoryRoadmapMvp : w.reportStoryRoadmap, { title: inline(item.title) || italic(w.reportUntitledItem), column: w[COLUMN_WORD[item.column]] }))
    parts.push('', `**${w.reportAcceptance}**`, '')
    parts.push(criteria.length === 0 ? italic(w.reportNoAcceptance) : criteria.map((criterion) => `- [ ] ${inline(criterion)}`).join('\n'))
  }
  return parts.join('\n')
}

function otherNotes(L: Lang, notes: WorkshopReport['otherNotes']): string | undefined {
  if (notes.length === 0) return undefined
  return [`## ${L.words.reportOtherNotes}`, '', ...notes.map((note) => `- ${inline(note.text) || italic(L.words.reportEmptyNote)}`)].join('\n')
}

/**
 * The Markdown report of an exported workshop, in its language (meta.language; English when
 * absent); an empty workshop gives a report of empty sections.
 */
export function workshopToMarkdown(json: WorkshopJson): string {
  const report = workshopReport(json)
  const L = exportLanguage(json.meta.language)
  const w = L.words
  const sections = [
    `# ${report.title === undefined ? w.reportUntitled : headingText(report.title)}`,
    scope(L, report),
    journey(L, report.journey),
    rankedNotes(L, w.reportTopPains, w.reportPain, w.reportNoPains, report.pains),
    clusters(L, report.clusters),
    hmw(L, report.hmw),
    rankedNotes(L, w.reportIdeas, w.reportIdea, w.reportNoIdeas, report.ideas, report.ideas.placed),
    mvp(L, report.mvp),
    roadmap(L, report.roadmap),
    stories(L, report.stories),
    otherNotes(L, report.otherNotes),
    dataMarkdown(json.data, { inline, cell }, L),
  ]
  return `${sections.filter((section): section is string => section !== undefined).join('\n\n')}\n`
}
