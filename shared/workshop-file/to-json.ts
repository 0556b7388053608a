/**
 * The `json` export: the board and control documents as one value (format.ts), read through the
 * same readers as the app, schema version included. Participants' names and private
 * (unrevealed) notes are not part of it.
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

/** `data`: the workshop's data document, when the caller has it (issue #12). */
export function workshopToJson(board: Y.Doc, control: Y.Doc, data?: Y.Doc): WorkshopJson {
  const dataSection = dataToJson(data, board, readDepartments(control))
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: readMeta(board),
    stages: listStages(board),
    lanes: listLanes(board),
    notes: listNotes(board),
    clusters: listClusters(board),
    emotions: emotionsObject(board),
    votes: listVotes(board),
    roadmap: listRoadmap(board),
    stories: listStories(board),
    control: readControl(control),
    rounds: listRounds(control),
    ...(dataSection && { data: dataSection }),
  }
}
