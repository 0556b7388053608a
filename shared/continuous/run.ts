/**
 * One workshop of a series as the comparison reads it: a plain value the server builds from the
 * workshop's documents (board, control, data) and sends to the comparison page, so that the
 * browser needs no Yjs documents of earlier workshops.
 */
import type * as Y from 'yjs'
import { readPersonDepartments } from '../board/person'
import { listStages } from '../board/stage'
import { readDatasets, readKeyTouchpoints, type KeyTouchpoint } from '../data/data-doc'
import { readGuesses } from '../data/guesses'
import type { Dataset } from '../data/types'
import type { RoadmapColumn } from '../deliver/roadmap'
import { listCarriedRoadmap } from './done'
import { readDepartments } from '../facilitation/control'

export interface RunGuess {
  participantId: string
  department?: string
  ranking: string[]
}

export interface RunInput {
  workshopId: string
  title: string
  createdAt: number
  stages: Array<{ id: string; title: string }>
  keyTouchpoints: KeyTouchpoint[]
  datasets: Dataset[]
  guesses: RunGuess[]
  roadmap: Array<{ id: string; title: string; column: RoadmapColumn; done: boolean; owner?: string }>
}

/** `control` gives the workshop's departments: a person's department counts only when it is one of them. */
export function readRun(workshop: { id: string; title: string; createdAt: number }, docs: { board: Y.Doc; control: Y.Doc; data: Y.Doc | undefined }): RunInput {
  const { board, data } = docs
  const departments = readPersonDepartments(board, readDepartments(docs.control))
  const guesses: RunGuess[] = [...readGuesses(board)].map(([participantId, ranking]) => {
    const department = departments.get(participantId)
    return { participantId, ranking, ...(department !== undefined && { department }) }
  })
  return {
    workshopId: workshop.id,
    title: workshop.title,
    createdAt: workshop.createdAt,
    stages: listStages(board).map(({ id, title }) => ({ id, title })),
    keyTouchpoints: data ? readKeyTouchpoints(data) : [],
    datasets: data ? readDatasets(data) : [],
    guesses,
    roadmap: listCarriedRoadmap(board, { includeDone: true }).map(({ id, title, column, done, owner }) => ({ id, title, column, done, ...(owner !== undefined && { owner }) })),
  }
}
