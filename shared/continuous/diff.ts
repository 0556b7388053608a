/**
 * What changed on a board between two moments (a snapshot and now, or two snapshots): notes
 * added, removed, moved (to another cell, or within one) and retyped; votes per target; roadmap
 * items added, removed, moved between columns, renamed or marked done. Pure: two board documents
 * in, a plain value out, the same on the server and in the browser.
 */
import type * as Y from 'yjs'
import { listLanes } from '../board/lane'
import { listNotes, type Note } from '../board/note'
import { listStages } from '../board/stage'
import { listClusters } from '../board/cluster'
import { listVotes } from '../voting/vote'
import { listCarriedRoadmap } from './done'

/** Where a note is: its cell's stage and lane titles (either may be absent: loose on the board). */
export interface NotePlace {
  stage?: string
  lane?: string
  x: number
  y: number
}

export interface NoteRef {
  id: string
  text: string
  kind: Note['kind']
  place: NotePlace
}

export interface VoteChange {
  targetId: string
  /** The note's text or the cluster's title; the id when neither exists any more. */
  label: string
  before: number
  after: number
}

export type RoadmapState = 'now' | 'next' | 'later' | 'done'

export interface RoadmapChange {
  id: string
  title: string
  from?: RoadmapState
  to?: RoadmapState
  /** The title it had before, when it was renamed. */
  renamedFrom?: string
}

export interface BoardDiff {
  notes: {
    added: NoteRef[]
    removed: NoteRef[]
    moved: Array<NoteRef & { from: NotePlace }>
    textChanged: Array<{ id: string; before: string; after: string }>
  }
  votes: { before: number; after: number; changed: VoteChange[] }
  roadmap: { added: RoadmapChange[]; removed: RoadmapChange[]; moved: RoadmapChange[]; renamed: RoadmapChange[] }
  /** Nothing at all changed. */
  empty: boolean
}

function placeOf(note: Note, stages: Map<string, string>, lanes: Map<string, string>): NotePlace {
  const stage = note.stageId !== undefined ? stages.get(note.stageId) : undefined
  const lane = note.laneId !== undefined ? lanes.get(note.laneId) : undefined
  return { ...(stage !== undefined && { stage }), ...(lane !== undefined && { lane }), x: note.x, y: note.y }
}

function notesOf(board: Y.Doc): Map<string, { note: Note; ref: NoteRef }> {
  const stages = new Map(listStages(board).map((s) => [s.id, s.title]))
  const lanes = new Map(listLanes(board).map((l) => [l.id, l.title]))
  return new Map(listNotes(board).map((note) => [note.id, { note, ref: { id: note.id, text: note.text, kind: note.kind, place: placeOf(note, stages, lanes) } }]))
}

/** Dots per target as written, summed over rounds and people (what the board showed). */
function voteCounts(board: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>()
  for (const vote of listVotes(board)) counts.set(vote.targetId, (counts.get(vote.targetId) ?? 0) + vote.count)
  return counts
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0)

/**
 * What the diff reads of one board, read once: a snapshot never changes, so the server keeps its
 * view and reads only the live board again for each "changed since".
 */
export interface BoardView {
  notes: Map<string, { note: Note; ref: NoteRef }>
  votes: Map<string, number>
  clusterTitles: Map<string, string>
  roadmap: Map<string, ReturnType<typeof listCarriedRoadmap>[number]>
}

export function boardView(board: Y.Doc): BoardView {
  return {
    notes: notesOf(board),
    votes: voteCounts(board),
    clusterTitles: new Map(listClusters(board).map((cluster) => [cluster.id, cluster.title])),
    roadmap: new Map(listCarriedRoadmap(board, { includeDone: true }).map((item) => [item.id, item])),
  }
}

export function diffBoards(before: Y.Doc, after: Y.Doc): BoardDiff {
  return diffViews(boardView(before), boardView(after))
}

export function diffViews(before: BoardView, after: BoardView): BoardDiff {
  const a = before.notes
  const b = after.notes
  const added: NoteRef[] = []
  const removed: NoteRef[] = []
  const moved: Array<NoteRef & { from: NotePlace }> = []
  const textChanged: Array<{ id: string; before: string; after: string }> = []
  for (const [id, { note, ref }] of b) {
    const old = a.get(id)
    if (!old) {
      added.push(ref)
      continue
    }
    if (old.note.text !== note.text) textChanged.push({ id, before: old.note.text, after: note.text })
    const cellChanged = old.note.stageId !== note.stageId || old.note.laneId !== note.laneId
    if (cellChanged || old.note.x !== note.x || old.note.y !== note.y) moved.push({ ...ref, from: old.ref.place })
  }
  for (const [id, { ref }] of a) if (!b.has(id)) removed.push(ref)

  const votesBefore = before.votes
  const votesAfter = after.votes
  // A label only for the targets whose count changed (looked up after, then before, as it was).
  const label = (targetId: string) =>
    after.notes.get(targetId)?.note.text ?? before.notes.get(targetId)?.note.text ?? after.clusterTitles.get(targetId) ?? before.clusterTitles.get(targetId) ?? targetId
  const changed: VoteChange[] = []
  for (const targetId of new Set([...votesBefore.keys(), ...votesAfter.keys()])) {
    const was = votesBefore.get(targetId) ?? 0
    const now = votesAfter.get(targetId) ?? 0
    if (was !== now) changed.push({ targetId, label: label(targetId), before: was, after: now })
  }
  changed.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.label.localeCompare(y.label))

  const itemsBefore = before.roadmap
  const itemsAfter = after.roadmap
  const state = (item: { column: RoadmapState; done: boolean }): RoadmapState => (item.done ? 'done' : item.column)
  const roadmap: BoardDiff['roadmap'] = { added: [], removed: [], moved: [], renamed: [] }
  for (const [id, item] of itemsAfter) {
    const old = itemsBefore.get(id)
    if (!old) roadmap.added.push({ id, title: item.title, to: state(item) })
    else {
      if (state(old) !== state(item)) roadmap.moved.push({ id, title: item.title, from: state(old), to: state(item) })
      if (old.title !== item.title) roadmap.renamed.push({ id, title: item.title, renamedFrom: old.title })
    }
  }
  for (const [id, item] of itemsBefore) if (!itemsAfter.has(id)) roadmap.removed.push({ id, title: item.title, from: state(item) })

  const empty =
    added.length + removed.length + moved.length + textChanged.length + changed.length === 0 &&
    roadmap.added.length + roadmap.removed.length + roadmap.moved.length + roadmap.renamed.length === 0
  return {
    notes: { added, removed, moved, textChanged },
    votes: { before: sum(votesBefore.values()), after: sum(votesAfter.values()), changed },
    roadmap,
    empty,
  }
}

