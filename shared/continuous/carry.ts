/**
 * The next workshop of a series, built from the last one (POST /api/workshops {from}). What
 * comes along: the scope (persona, journey start and end, goal), stages and lanes with their
 * ids (so that runs line up in the comparison), the departments, the key touchpoints with their
 * owners and targets, the open roadmap (items not marked done, same ids, same columns) and the
 * open stories (not done themselves nor of a done item; links to notes that did not come along
 * are dropped). Notes (with their clusters) come along only when asked, and votes (with their
 * closed rounds) only with notes. Not carried: emotions, datasets (each run brings fresh data),
 * the facilitation state (phase, timer, lock), people and guesses.
 */
import * as Y from 'yjs'
import { readKeyTouchpoints, setKeyTouchpoint } from '../data/data-doc'
import { initControl, readControl, readDepartments, setDepartments } from '../facilitation/control'
import { workshopFromJson } from '../workshop-file/from-json'
import { workshopToJson } from '../workshop-file/to-json'
import { doneStoryIds, listCarriedRoadmap } from './done'

export interface CarryOptions {
  /** Copy the notes and clusters too. */
  notes?: boolean | undefined
  /** Copy the votes and voting rounds too (needs `notes`). */
  votes?: boolean | undefined
}

export interface SourceDocs {
  board: Y.Doc
  control: Y.Doc
  data?: Y.Doc | undefined
}

export interface CarriedDocs {
  board: Y.Doc
  control: Y.Doc
  data: Y.Doc
}

/** Writes the next workshop into fresh `target` documents; returns what was carried, counted. */
export function carryOver(source: SourceDocs, target: CarriedDocs, title: string, carry: CarryOptions = {}) {
  const json = workshopToJson(source.board, source.control)
  const roadmap = listCarriedRoadmap(source.board).map(({ done: _done, ...item }) => item)
  const roadmapIds = new Set(roadmap.map((item) => item.id))
  const doneStories = doneStoryIds(source.board)
  const notes = carry.notes ? json.notes : []
  const noteIds = new Set(notes.map((note) => note.id))
  const clusters = carry.notes ? json.clusters : []
  const stories = json.stories
    .filter((story) => !doneStories.has(story.id))
    .map(({ roadmapId, ...story }) => ({
      ...story,
      ...(roadmapId !== undefined && roadmapIds.has(roadmapId) && { roadmapId }),
      sourceIds: story.sourceIds.filter((id) => noteIds.has(id) || clusters.some((c) => c.id === id)),
    }))
  const withVotes = carry.notes === true && carry.votes === true
  // The facilitation starts afresh: Discover, no timer running, unlocked.
  const scratch = new Y.Doc()
  initControl(scratch)
  const freshControl = readControl(scratch)
  scratch.destroy()
  workshopFromJson(
    {
      ...json,
      meta: { ...json.meta, title },
      notes,
      clusters,
      emotions: {},
      votes: withVotes ? json.votes : [],
      rounds: withVotes ? json.rounds.map((round) => ({ ...round, status: 'closed' as const })) : [],
      roadmap: roadmap.map(({ sourceId, ...item }) => ({ ...item, ...(sourceId !== undefined && (noteIds.has(sourceId) || clusters.some((c) => c.id === sourceId)) && { sourceId }) })),
      stories,
      control: freshControl,
    },
    target.board,
    target.control,
  )
  const departments = readDepartments(source.control)
  setDepartments(target.control, departments)
  const keyTouchpoints = source.data ? readKeyTouchpoints(source.data) : []
  const data = target.data
  if (keyTouchpoints.length > 0) data.transact(() => keyTouchpoints.forEach(({ touchpoint, ...fields }) => setKeyTouchpoint(data, touchpoint, fields)))
  return {
    stages: json.stages.length,
    lanes: json.lanes.length,
    departments: departments.length,
    keyTouchpoints: keyTouchpoints.length,
    roadmap: roadmap.length,
    stories: stories.length,
    notes: notes.length,
    votes: withVotes ? json.votes.length : 0,
  }
}
