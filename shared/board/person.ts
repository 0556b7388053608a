/**
 * People: participant id → display name (and department), so that a note's author has a name
 * after they left. A participant writes only its own key (the server refuses others, as for
 * votes).
 *
 * An entry is a plain name string (every workshop before issue #12 and a participant without a
 * department) or a Y.Map{name, department?} (DESIGN "Added since"). Readers accept both; a
 * participant choosing a department turns its own entry into the map.
 */
import * as Y from 'yjs'
import { LIMITS } from '../limits'
import { clip, cleanLine } from '../text'
import { boardMaps } from './board-doc'

/** A display name as the app shows and writes it: `cleanLine`d and at most LIMITS.name long. */
export function cleanName(name: string): string {
  return clip(cleanLine(name), LIMITS.name).trimEnd()
}

/** The raw name and department of an entry, whichever form it has. */
function entryOf(value: unknown): { name: unknown; department: unknown } {
  if (value instanceof Y.Map) return { name: (value as Y.Map<unknown>).get('name'), department: (value as Y.Map<unknown>).get('department') }
  return { name: value, department: undefined }
}

export function setPerson(doc: Y.Doc, participantId: string, name: string): void {
  const people = boardMaps(doc).people
  const next = cleanName(name)
  const current = people.get(participantId)
  if (current instanceof Y.Map) {
    if (current.get('name') !== next) doc.transact(() => (current as Y.Map<unknown>).set('name', next))
    return
  }
  if (current !== next) doc.transact(() => people.set(participantId, next))
}

/**
 * Sets (or with `undefined`, clears) a participant's department. The entry becomes a
 * Y.Map{name, department?}, keeping the name it had (or `name` when it had none).
 */
export function setPersonDepartment(doc: Y.Doc, participantId: string, name: string, department: string | undefined): void {
  const people = boardMaps(doc).people
  const current = people.get(participantId)
  const dept = department === undefined ? undefined : cleanName(department)
  doc.transact(() => {
    if (current instanceof Y.Map) {
      const map = current as Y.Map<unknown>
      if (dept === undefined || dept === '') map.delete('department')
      else if (map.get('department') !== dept) map.set('department', dept)
      return
    }
    const map = new Y.Map<unknown>()
    map.set('name', typeof current === 'string' && current !== '' ? current : cleanName(name))
    if (dept !== undefined && dept !== '') map.set('department', dept)
    people.set(participantId, map)
  })
}

/**
 * Participant id → display name. Names are cleaned and capped on read as the join form does
 * (`cleanName`), whatever a scripted client wrote into the document; an entry that is not a
 * string (or a map with a string name) or is empty after cleaning is left out.
 */
export function readPeople(doc: Y.Doc): Map<string, string> {
  const people = new Map<string, string>()
  boardMaps(doc).people.forEach((value, id) => {
    const { name: raw } = entryOf(value)
    if (typeof raw !== 'string') return
    const name = cleanName(raw)
    if (name !== '') people.set(id, name)
  })
  return people
}

/**
 * Participant id → department, for the people who chose one of `departments` (the workshop's
 * list, control `departments`). A department not in the list — written by a scripted client, or
 * one the facilitator has since removed — is ignored: that person reads as without department.
 */
export function readPersonDepartments(doc: Y.Doc, departments: readonly string[]): Map<string, string> {
  const known = new Set(departments)
  const result = new Map<string, string>()
  boardMaps(doc).people.forEach((value, id) => {
    const { department } = entryOf(value)
    if (typeof department !== 'string') return
    const cleaned = cleanName(department)
    if (known.has(cleaned)) result.set(id, cleaned)
  })
  return result
}
