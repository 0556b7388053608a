/**
 * The `json` export: the board and control documents as one value (format.ts), read through the
 * same readers as the app, schema version included. Participants' names and private
 * (unrevealed) notes are not part of it; each vote carries its voter's department.
 */
import type * as Y from 'yjs'
import { listClusters } from '../board/cluster'
import { emotionsObject } from '../board/emotion'
import { listLanes } from '../board/lane'
import { readMeta, SCHEMA_VERSION } from '../board/meta'
import { listNotes } from '../board/note'
import { listStages } from '../board/stage'
import { listRoadmap } from '../deliver/roadmap'
import { listStories } from '../deliver/story'
import { readControl } from '../facilitation/control'
import { listRounds } from '../voting/round'
import { listVotes } from '../voting/vote'
import { EXPORT_FORMAT, type WorkshopJson } from './format'
import { dataToJson } from './data-section'
import { readDepartments } from '../facilitation/control'
import { readPersonDepartments } from '../board/person'

/** `data`: the workshop's data document, when the caller has it (issue #12). */
export function workshopToJson(board: Y.Doc, control: Y.Doc, data?: Y.Doc): WorkshopJson {
  const departments = readDepartments(control)
  const dataSection = dataToJson(data, board, departments)
  // Each vote carries its voter's department (issue #12), so the report can split the votes by
  // department; the names of the people stay out, as before.
  const departmentOf = readPersonDepartments(board, departments)
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: readMeta(board),
    stages: listStages(board),
    lanes: listLanes(board),
    notes: listNotes(board),
    clusters: listClusters(board),
    emotions: emotionsObject(board),
    votes: listVotes(board).map((vote) => {
      const department = departmentOf.get(vote.participantId)
      return department === undefined ? vote : { ...vote, department }
    }),
    roadmap: listRoadmap(board),
    stories: listStories(board),
    control: readControl(control),
    rounds: listRounds(control),
    ...(dataSection && { data: dataSection }),
  }
}
