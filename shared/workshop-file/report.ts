/**
 * The report of a workshop as data: what the Markdown export (./markdown.ts) and
 * the printable report page (client/src/report/) show — scope, the journey as stages ×
 * lanes with the emotion per stage, top pains, clusters, "How might we" statements, ideas (with
 * their impact/effort quadrant), the MVP, the roadmap, the user stories and the other notes —
 * worked out once from the exported value (WorkshopJson). The views only word and lay it out.
 *
 * Pure and deterministic: no clock, no locale, no DOM or Node I/O. Text is passed on as people
 * typed it (untrimmed, unescaped): escaping is the Markdown view's job, and a blank text (only
 * whitespace) is for each view to word ("(empty note)", "Untitled lane" …). Where a view must
 * decide whether something is "not set", the model says so with `undefined`.
 */
import type { RoundTargetKind } from '../voting/round'
import { roundCountsFor, voteTotals, voteTotalsByDepartment } from '../voting/tally'
import type { WorkshopJson } from './format'
import type { DataExport } from './data-section'
import type { Cluster } from '../board/cluster'
import { quadrantOf, type Note, type Quadrant } from '../board/note'
import type { RoadmapColumn, RoadmapItem } from '../deliver/roadmap'
import type { Story } from '../deliver/story'
import type { WorkshopLanguage } from '../board/meta'

// ---------------------------------------------------------------------------------------------
// The model.

export type ScopeField = 'persona' | 'journeyStart' | 'journeyEnd' | 'goal'

export interface WorkshopReport {
  /** The workshop's title; undefined when blank (the views say "Untitled workshop"). */
  title: string | undefined
  /** Persona, journey start and end, goal — in that order; `value` undefined when blank. */
  scope: Array<{ field: ScopeField; value: string | undefined }>
  /** Stages × lanes; undefined while the board has no stages or no lanes. */
  journey: JourneyTable | undefined
  pains: RankedNotes
  clusters: {
    /** Most votes first, ties in board order. */
    entries: Array<{ cluster: Cluster; votes: number; byDepartment: DepartmentVotes[]; members: Note[] }>
    /** Whether any round counted for clusters (the views show the votes only then). */
    votesShown: boolean
  }
  hmw: RankedNotes
  ideas: RankedNotes & {
    /** Whether any idea is placed on Develop's impact/effort matrix (the views add a column). */
    placed: boolean
  }
  /** Roadmap items marked as MVP, in roadmap order, with how many stories each has. */
  mvp: Array<{ item: RoadmapItem; stories: number }>
  /** Now, Next and Later, each with its items in order and where each came from. */
  roadmap: Array<{ column: RoadmapColumn; items: Array<{ item: RoadmapItem; source: ReportSource | undefined }> }>
  stories: ReportStory[]
  /** Plain notes that are neither in a cell nor in a cluster (a section only when there are any). */
  otherNotes: Note[]
  /** Issue #12: the data, the guess against it, owners and targets (./data-section.ts), when the export has them. */
  data?: DataExport
}

export interface JourneyTable {
  /** The columns, each with the stage's emotion (−2 … +2; undefined when not set). */
  stages: Array<{ id: string; title: string; emotion: number | undefined }>
  /** The rows: per lane, one cell per stage (in `stages` order), its notes top to bottom, then left to right. */
  lanes: Array<{ id: string; title: string; cells: Note[][] }>
}

export interface RankedNotes {
  /** Most votes first, ties in board order; `rank` counts from 1. */
  entries: RankedNote[]
  /**
   * Whether any round counted for this kind. The views show votes of HMW statements only
   * then; the tables of pains and ideas always have a Votes column.
   */
  votesShown: boolean
}

export interface RankedNote {
  rank: number
  note: Note
  votes: number
  /** Its votes per voter's department (see DepartmentVotes). */
  byDepartment: DepartmentVotes[]
  where: NotePlace
  /** The idea's quadrant on the impact/effort matrix, when placed. */
  quadrant: Quadrant | undefined
}

/**
 * One department's share of a target's votes (issue #12): departments with most votes first,
 * ties by name, '' (voters without a department) last; their votes add up to the target's. Only
 * department names and counts: never who voted. Empty when the target has no votes.
 */
export interface DepartmentVotes {
  department: string
  votes: number
}

/** A note's stage and lane titles; undefined when it has none (or it no longer exists). */
export interface NotePlace {
  stage: string | undefined
  lane: string | undefined
}

/** What a roadmap item was promoted from: an idea or HMW (a note), or a cluster (its name). */
export interface ReportSource {
  kind: 'note' | 'cluster'
  text: string
}

export interface ReportStory {
  /** 1, 2, 3 … in story order. */
  number: number
  story: Story
  /** The story's sentence parts, each on one line; `soThat` without a final full stop. */
  parts: StoryParts
  /** "As a claimant, I want …, so that …." in the workshop's language ('' when every part is empty). */
  sentence: string
  /** The roadmap item it belongs to, if that still exists. */
  roadmapItem: RoadmapItem | undefined
  /** Its acceptance criteria without the blank ones. */
  criteria: string[]
}

export interface StoryParts {
  asA: string
  iWant: string
  soThat: string
}

// ---------------------------------------------------------------------------------------------
// Helpers the views share.

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim()

/** A story's parts on one line each; a full stop or exclamation mark ending "so that" goes. */
export function storyParts(story: Pick<Story, 'asA' | 'iWant' | 'soThat'>): StoryParts {
  return { asA: oneLine(story.asA), iWant: oneLine(story.iWant), soThat: oneLine(story.soThat).replace(/[.!]+$/, '') }
}

/** "a" or "an" before the role, unless the role already starts with an article. */
function withArticle(role: string): string {
  if (/^(a|an|the)\s/i.test(role)) return role
  return `${/^[aeio]/i.test(role) ? 'an' : 'a'} ${role}`
}

/**
 * The role as a Dutch story says it: "Als klant", without the indefinite article ("een klant"
 * and an English "a"/"an" typed out of habit are dropped); a definite "de"/"het" stays as typed.
 */
function dutchRole(role: string): string {
  return role.replace(/^(een|a|an)\s+/i, '')
}

export interface SentenceOptions {
  /** false leaves out the "so that" part (a summary line). */
  full?: boolean
  /** The workshop's language (meta.language); English when absent. */
  language?: WorkshopLanguage | undefined
}

/**
 * "As a claimant, I want to see my claim status, so that I do not have to call." — or in a Dutch
 * workshop "Als klant wil ik mijn status zien, zodat ik niet hoef te bellen." Parts that are
 * empty are left out; `full: false` leaves out the "so that" part (a summary line).
 */
export function storySentence(story: Pick<Story, 'asA' | 'iWant' | 'soThat'>, { full = true, language }: SentenceOptions = {}): string {
  const { asA, iWant, soThat } = storyParts(story)
  const parts: string[] = []
  if (language === 'nl') {
    // Dutch puts the verb second: "Als klant wil ik …", or "Ik wil …" without a role.
    if (asA && iWant) parts.push(`Als ${dutchRole(asA)} wil ik ${iWant}`)
    else if (asA) parts.push(`Als ${dutchRole(asA)}`)
    else if (iWant) parts.push(`Ik wil ${iWant}`)
    if (full && soThat) parts.push(parts.length === 0 ? `Zodat ${soThat}` : `zodat ${soThat}`)
  } else {
    if (asA) parts.push(`As ${withArticle(asA)}`)
    if (iWant) parts.push(`I want ${iWant}`)
    if (full && soThat) parts.push(`so that ${soThat}`)
  }
  if (parts.length === 0) return ''
  const sentence = parts.join(', ')
  return full ? `${sentence}.` : sentence
}

/** An emotion as the report shows it: rounded to two decimals. */
export function roundedEmotion(value: number): number {
  return Math.round(value * 100) / 100
}

// ---------------------------------------------------------------------------------------------
// Working it out.

export const REPORT_COLUMNS: readonly RoadmapColumn[] = ['now', 'next', 'later']

/** Items by votes (most first), ties in the order given (board order). */
function byVotes<T extends { id: string }>(items: readonly T[], totals: Map<string, number>): Array<{ item: T; votes: number }> {
  return items
    .map((item, index) => ({ item, votes: totals.get(item.id) ?? 0, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map(({ item, votes }) => ({ item, votes }))
}

/** A target's split (voteTotalsByDepartment) as the report lists it; see DepartmentVotes. */
function departmentVotes(split: ReadonlyMap<string, number> | undefined): DepartmentVotes[] {
  if (!split) return []
  return [...split]
    .map(([department, votes]) => ({ department, votes }))
    .sort((a, b) => Number(a.department === '') - Number(b.department === '') || b.votes - a.votes || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0))
}

/** The report of an exported workshop; an empty workshop gives a report of empty sections. */
export function workshopReport(json: WorkshopJson): WorkshopReport {
  const stageTitle = new Map(json.stages.map((stage) => [stage.id, stage.title]))
  const laneTitle = new Map(json.lanes.map((lane) => [lane.id, lane.title]))
  const noteIds = new Set(json.notes.map((note) => note.id))
  const notesById = new Map(json.notes.map((note) => [note.id, note]))
  const roundKinds = new Set(json.rounds.map((round) => round.targetKind))
  const hasRound = (kind: RoundTargetKind) => [...roundKinds].some((roundKind) => roundCountsFor(roundKind, kind))
  const isInCell = (note: Note) => note.stageId !== undefined && note.laneId !== undefined && stageTitle.has(note.stageId) && laneTitle.has(note.laneId)
  const place = (note: Note): NotePlace => ({
    stage: note.stageId === undefined ? undefined : stageTitle.get(note.stageId),
    lane: note.laneId === undefined ? undefined : laneTitle.get(note.laneId),
  })

  const ranked = (kind: 'pain' | 'hmw' | 'idea'): RankedNotes => {
    const notes = json.notes.filter((note) => note.kind === kind)
    // In a round on all notes the dots on every note count towards the limits: all note ids.
    const ids = new Set(notes.map((n) => n.id))
    const totals = voteTotals(json, kind, ids, noteIds)
    const split = voteTotalsByDepartment(json, kind, ids, noteIds)
    const entries = byVotes(notes, totals).map(({ item: note, votes }, i) => ({ rank: i + 1, note, votes, byDepartment: departmentVotes(split.get(note.id)), where: place(note), quadrant: quadrantOf(note) }))
    return { entries, votesShown: hasRound(kind) }
  }

  const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value)
  const ideas = ranked('idea')
  const clusterIds = new Set(json.clusters.map((c) => c.id))
  const clusterTotals = voteTotals(json, 'cluster', clusterIds)
  const clusterSplit = voteTotalsByDepartment(json, 'cluster', clusterIds)
  const roadmapById = new Map(json.roadmap.map((item) => [item.id, item]))
  const storiesOf = (roadmapId: string) => json.stories.filter((story) => story.roadmapId === roadmapId).length
  const sourceOf = (sourceId: string | undefined): ReportSource | undefined => {
    if (sourceId === undefined) return undefined
    const note = notesById.get(sourceId)
    if (note) return { kind: 'note', text: note.text }
    const cluster = json.clusters.find((c) => c.id === sourceId)
    return cluster ? { kind: 'cluster', text: cluster.title } : undefined
  }

  return {
    title: blankToUndefined(json.meta.title),
    scope: (['persona', 'journeyStart', 'journeyEnd', 'goal'] as const).map((field) => ({ field, value: blankToUndefined(json.meta[field]) })),
    journey: journeyTable(json, isInCell),
    pains: ranked('pain'),
    clusters: {
      entries: byVotes(json.clusters, clusterTotals).map(({ item: cluster, votes }) => ({
        cluster,
        votes,
        byDepartment: departmentVotes(clusterSplit.get(cluster.id)),
        members: json.notes.filter((note) => note.clusterId === cluster.id),
      })),
      votesShown: hasRound('cluster'),
    },
    hmw: ranked('hmw'),
    ideas: { ...ideas, placed: ideas.entries.some((entry) => entry.quadrant !== undefined) },
    mvp: json.roadmap.filter((item) => item.mvp).map((item) => ({ item, stories: storiesOf(item.id) })),
    roadmap: REPORT_COLUMNS.map((column) => ({
      column,
      items: json.roadmap.filter((item) => item.column === column).map((item) => ({ item, source: sourceOf(item.sourceId) })),
    })),
    stories: json.stories.map((story, i) => ({
      number: i + 1,
      story,
      parts: storyParts(story),
      sentence: storySentence(story, { language: json.meta.language }),
      roadmapItem: story.roadmapId === undefined ? undefined : roadmapById.get(story.roadmapId),
      criteria: story.acceptance.filter((criterion) => criterion.trim() !== ''),
    })),
    otherNotes: json.notes.filter((note) => note.kind === 'note' && !isInCell(note) && note.clusterId === undefined),
    ...(json.data && { data: json.data }),
  }
}

function journeyTable(json: WorkshopJson, isInCell: (note: Note) => boolean): JourneyTable | undefined {
  const { stages, lanes, emotions } = json
  if (stages.length === 0 || lanes.length === 0) return undefined
  const cells = new Map<string, Note[]>()
  for (const note of json.notes) {
    if (!isInCell(note)) continue
    const key = `${note.stageId}/${note.laneId}`
    cells.set(key, [...(cells.get(key) ?? []), note])
  }
  for (const notes of cells.values()) notes.sort((a, b) => a.y - b.y || a.x - b.x)
  return {
    stages: stages.map((stage) => ({ id: stage.id, title: stage.title, emotion: emotions[stage.id] })),
    lanes: lanes.map((lane) => ({ id: lane.id, title: lane.title, cells: stages.map((stage) => cells.get(`${stage.id}/${lane.id}`) ?? []) })),
  }
}
