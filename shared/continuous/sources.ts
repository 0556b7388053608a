/**
 * Every read (and the few writes) of the data-driven journey's structures (#12) that the
 * continuous journey needs, in one place: departments, a participant's department, guesses,
 * key touchpoints with owners and targets, datasets and the found-N score. The data room is
 * built on another branch at the same time; these small readers follow the shapes DESIGN.md fixes
 * ("Added since") and are re-pointed at the data room's own readers when it is merged. Nothing
 * else in shared/continuous, server/ or client/src/series touches those keys directly.
 */
import * as Y from 'yjs'
import { boardMaps } from '../board/board-doc'
import { cleanName } from '../board/person'
import { controlMaps } from '../facilitation/control-doc'
import { addDataset, readDatasets } from '../data/data-doc'
import { found, spearman } from '../data/rank'
import type { ColumnMapping, Dataset } from '../data/types'

export { addDataset, readDatasets, found, spearman }
export type { ColumnMapping, Dataset }

/** A touchpoint the team measures continuously, whose it is, and what it should reach. */
export interface KeyTouchpoint {
  touchpoint: string
  /** The owning department. */
  owner?: string
  /** e.g. "repeat rate < 10 %", "csat >= 4" (see targets.ts). */
  target?: string
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)

/**
 * The departments (DESIGN "Added since": `departments`, a Y.Array of names, under the control
 * document's `control` map like `dataRevealed`; a top-level array of that name is read too),
 * cleaned, without duplicates.
 */
export function readDepartments(control: Y.Doc): string[] {
  const inMap = controlMaps(control).control.get('departments')
  const raw = inMap instanceof Y.Array ? (inMap as Y.Array<unknown>) : control.share.has('departments') ? control.getArray<unknown>('departments') : undefined
  const names: string[] = []
  for (const value of raw?.toArray() ?? []) {
    const name = text(value)
    if (name !== undefined && !names.includes(name)) names.push(name)
  }
  return names
}

/** Writes the departments into a fresh control document (a workshop started from another). */
export function writeDepartments(control: Y.Doc, names: readonly string[]): void {
  control.transact(() => controlMaps(control).control.set('departments', Y.Array.from([...names])))
}

/**
 * Participant id → name and department from the board's `people`: DESIGN says a Y.Map{name,
 * department?}; older boards hold the name as a plain string. Both are read.
 */
export function readPeopleDepartments(board: Y.Doc): Map<string, { name: string; department?: string }> {
  const people = new Map<string, { name: string; department?: string }>()
  boardMaps(board).people.forEach((value, id) => {
    if (typeof value === 'string') {
      const name = cleanName(value)
      if (name) people.set(id, { name })
    } else if (value instanceof Y.Map) {
      const name = cleanName(typeof value.get('name') === 'string' ? (value.get('name') as string) : '')
      const department = text(value.get('department'))
      people.set(id, { name, ...(department !== undefined && { department }) })
    }
  })
  return people
}

/** Participant id → their ranked top touchpoints (the board's `guesses`). */
export function readGuesses(board: Y.Doc): Map<string, string[]> {
  const guesses = new Map<string, string[]>()
  board.getMap<unknown>('guesses').forEach((value, id) => {
    if (!(value instanceof Y.Array)) return
    const ranking = (value.toArray() as unknown[]).map(text).filter((name): name is string => name !== undefined)
    if (ranking.length > 0) guesses.set(id, ranking)
  })
  return guesses
}

/** The data document's key touchpoints (`keyTouchpoints`: touchpoint name → {owner?, target?}), by name. */
export function readKeyTouchpoints(data: Y.Doc): KeyTouchpoint[] {
  const list: KeyTouchpoint[] = []
  data.getMap<unknown>('keyTouchpoints').forEach((value, name) => {
    const touchpoint = text(name)
    if (touchpoint === undefined) return
    const record = value instanceof Y.Map ? value : undefined
    const owner = text(record?.get('owner'))
    const target = text(record?.get('target'))
    list.push({ touchpoint, ...(owner !== undefined && { owner }), ...(target !== undefined && { target }) })
  })
  return list.sort((a, b) => a.touchpoint.localeCompare(b.touchpoint))
}

export function writeKeyTouchpoints(data: Y.Doc, list: readonly KeyTouchpoint[]): void {
  const map = data.getMap<Y.Map<unknown>>('keyTouchpoints')
  data.transact(() => {
    for (const item of list) {
      const record = new Y.Map<unknown>()
      if (item.owner !== undefined) record.set('owner', item.owner)
      if (item.target !== undefined) record.set('target', item.target)
      map.set(item.touchpoint, record)
    }
  })
}

/** The mapping of the newest dataset (by import time), or undefined when there is none. */
export function lastMapping(data: Y.Doc): ColumnMapping | undefined {
  return readDatasets(data).at(-1)?.mapping
}
