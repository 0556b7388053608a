/**
 * Deliver: from Develop's top-voted ideas (and the HMW statements and clusters they answer) to a
 * Now / Next / Later roadmap and draft user stories. Pure functions over the board and control
 * documents, used by the Deliver panel and its tests.
 */
import type * as Y from 'yjs'
import { listClusters } from '../board/cluster'
import { readMeta } from '../board/meta'
import { listNotes, type Note } from '../board/note'
import { compareIds } from '../order'
import { listRounds, type RoundTargetKind } from '../voting/round'
import { tallyRound } from '../voting/tally'
import { addRoadmapItem, listRoadmap, type RoadmapColumn } from './roadmap'
import { addStory, listStories } from './story'

export type CandidateKind = 'idea' | 'hmw' | 'cluster'

export interface Candidate {
  id: string
  kind: CandidateKind
  label: string
  /**
   * Votes it received, summed over the rounds on its kind (each round's limits applied); for a
   * cluster, its own votes plus those of its notes (`noteVotes`): pains voted on in Define are
   * what made the cluster matter.
   */
  votes: number
  /** A cluster's share of `votes` that went to its notes (0 for notes). */
  noteVotes: number
  /** Already on the roadmap (as some item's source). */
  promoted: boolean
}

/** Votes per target id over all rounds on `kinds` (closed or open), under each round's limits. */
export function votesByTarget(board: Y.Doc, control: Y.Doc, kinds: readonly RoundTargetKind[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const round of listRounds(control)) {
    if (!kinds.includes(round.targetKind)) continue
    for (const entry of tallyRound(board, round).ranking) totals.set(entry.targetId, (totals.get(entry.targetId) ?? 0) + entry.votes)
  }
  return totals
}

/** What may be promoted to the roadmap: ideas, then HMW, then clusters; each most-voted first. */
export function promotionCandidates(board: Y.Doc, control: Y.Doc): Candidate[] {
  const promoted = new Set(listRoadmap(board).flatMap((item) => (item.sourceId === undefined ? [] : [item.sourceId])))
  const notes = listNotes(board)
  const rank = (list: Candidate[]) => list.sort((a, b) => b.votes - a.votes || a.label.localeCompare(b.label) || compareIds(a.id, b.id))
  const ofKind = (kind: 'idea' | 'hmw'): Candidate[] => {
    const votes = votesByTarget(board, control, [kind, 'note'])
    return rank(
      notes
        .filter((n) => n.kind === kind && n.text.trim() !== '')
        .map((n) => ({ id: n.id, kind, label: n.text.trim(), votes: votes.get(n.id) ?? 0, noteVotes: 0, promoted: promoted.has(n.id) })),
    )
  }
  const clusterVotes = votesByTarget(board, control, ['cluster'])
  const noteVotes = votesByTarget(board, control, ['note', 'pain', 'hmw', 'idea'])
  const ofCluster = new Map<string, number>()
  for (const note of notes) if (note.clusterId !== undefined) ofCluster.set(note.clusterId, (ofCluster.get(note.clusterId) ?? 0) + (noteVotes.get(note.id) ?? 0))
  const clusters = rank(
    listClusters(board).map((c) => {
      const members = ofCluster.get(c.id) ?? 0
      return { id: c.id, kind: 'cluster' as const, label: c.title, votes: (clusterVotes.get(c.id) ?? 0) + members, noteVotes: members, promoted: promoted.has(c.id) }
    }),
  )
  return [...ofKind('idea'), ...ofKind('hmw'), ...clusters]
}

/** Puts a candidate on the roadmap (in `column`, at the end), linked to where it came from. */
export function promote(board: Y.Doc, candidate: Pick<Candidate, 'id' | 'label'>, column: RoadmapColumn = 'later'): string {
  return addRoadmapItem(board, { title: candidate.label, sourceId: candidate.id, column })
}

/**
 * The pain point a roadmap item answers, found from its source: the source itself when it is a
 * pain; otherwise the most-voted pain of the source's cluster (or of the cluster that is the
 * source); otherwise the most-voted pain in the source note's stage.
 */
export function linkedPain(board: Y.Doc, control: Y.Doc, sourceId: string | undefined): Note | undefined {
  if (sourceId === undefined) return undefined
  const notes = listNotes(board)
  const votes = votesByTarget(board, control, ['pain', 'note'])
  const best = (pains: Note[]) =>
    pains.sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || compareIds(a.id, b.id))[0]
  const pains = notes.filter((n) => n.kind === 'pain' && n.text.trim() !== '')
  const source = notes.find((n) => n.id === sourceId)
  if (source?.kind === 'pain') return source
  const clusterId = source ? source.clusterId : listClusters(board).some((c) => c.id === sourceId) ? sourceId : undefined
  if (clusterId !== undefined) {
    const found = best(pains.filter((n) => n.clusterId === clusterId))
    if (found) return found
  }
  if (source?.stageId !== undefined) return best(pains.filter((n) => n.stageId === source.stageId))
  return undefined
}

/**
 * "Draft stories": one draft per MVP item that has no story yet — as a <persona>, I want <the
 * item>, so that <the linked pain point, phrased by `soThat`> — priority must, linked to the item
 * and to the notes it came from. Returns the new stories' ids, in roadmap order.
 */
export function draftStories(board: Y.Doc, control: Y.Doc, soThat: (pain: string) => string): string[] {
  const persona = readMeta(board).persona.trim()
  const covered = new Set(listStories(board).flatMap((s) => (s.roadmapId === undefined ? [] : [s.roadmapId])))
  const created: string[] = []
  board.transact(() => {
    for (const item of listRoadmap(board)) {
      if (!item.mvp || covered.has(item.id)) continue
      const pain = linkedPain(board, control, item.sourceId)
      created.push(
        addStory(board, {
          asA: persona,
          iWant: item.title,
          soThat: pain ? soThat(pain.text.trim()) : '',
          priority: 'must',
          roadmapId: item.id,
          sourceIds: [item.sourceId, pain?.id].filter((id): id is string => id !== undefined),
        }),
      )
    }
  })
  return created
}
