/**
 * One workshop of a series as the comparison reads it: a plain value the server builds from the
 * workshop's documents (board, control, data) and sends to the comparison page, so that the
 * browser needs no Yjs documents of earlier workshops.
 */
import type * as Y from 'yjs'
import { listStages } from '../board/stage'
import type { RoadmapColumn } from '../deliver/roadmap'
import { listCarriedRoadmap } from './done'
import { readDatasets, readGuesses, readKeyTouchpoints, readPeopleDepartments, type Dataset, type KeyTouchpoint } from './sources'

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

export function readRun(workshop: { id: string; title: string; createdAt: number }, board: Y.Doc, data: Y.Doc | undefined): RunInput {
  const people = readPeopleDepartments(board)
  const guesses: RunGuess[] = [...readGuesses(board)].map(([participantId, ranking]) => {
    const department = people.get(participantId)?.department
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
