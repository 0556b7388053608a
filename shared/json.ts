/** The whole workshop as one JSON value (the `json` export), schema version included. */
import * as Y from 'yjs'
import { listRounds, readControl, type ControlState, type Round } from './control'
import {
  boardMaps,
  listClusters,
  listLanes,
  listNotes,
  listRoadmap,
  listStages,
  listStories,
  readEmotions,
  readMeta,
  SCHEMA_VERSION,
  type Cluster,
  type Lane,
  type Note,
  type RoadmapItem,
  type Stage,
  type Story,
  type WorkshopMeta,
} from './schema'
import { parseVoteKey } from './schema'

export const EXPORT_FORMAT = 'horizon-workshop'

export interface WorkshopJson {
  format: typeof EXPORT_FORMAT
  schemaVersion: number
  meta: WorkshopMeta
  stages: Stage[]
  lanes: Lane[]
  notes: Note[]
  clusters: Cluster[]
  emotions: Record<string, number>
  votes: { roundId: string; participantId: string; targetId: string; count: number }[]
  roadmap: RoadmapItem[]
  stories: Story[]
  control: ControlState
  rounds: Round[]
}

export function workshopToJson(board: Y.Doc, control: Y.Doc): WorkshopJson {
  const votes: WorkshopJson['votes'] = []
  boardMaps(board).votes.forEach((value, key) => {
    const parsed = parseVoteKey(key)
    if (!parsed || !(value instanceof Y.Map)) return
    ;(value as Y.Map<unknown>).forEach((count, targetId) => {
      if (typeof count === 'number' && Number.isInteger(count) && count > 0) votes.push({ ...parsed, targetId, count })
    })
  })
  votes.sort((a, b) => `${a.roundId}/${a.participantId}/${a.targetId}`.localeCompare(`${b.roundId}/${b.participantId}/${b.targetId}`))
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: readMeta(board),
    stages: listStages(board),
    lanes: listLanes(board),
    notes: listNotes(board),
    clusters: listClusters(board),
    // Sorted, so that every peer exports the same text.
    emotions: Object.fromEntries([...readEmotions(board)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    votes,
    roadmap: listRoadmap(board),
    stories: listStories(board),
    control: readControl(control),
    rounds: listRounds(control),
  }
}
