/**
 * People: participant id → display name, so that a note's author has a name after they left.
 * A participant writes only its own key (the server refuses others, as for votes).
 */
import type * as Y from 'yjs'
import { LIMITS } from '../limits'
import { clip, cleanLine } from '../text'
import { boardMaps } from './board-doc'

/** A display name as the app shows and writes it: `cleanLine`d and at most LIMITS.name long. */
export function cleanName(name: string): string {
  return clip(cleanLine(name), LIMITS.name).trimEnd()
}

export function setPerson(doc: Y.Doc, participantId: string, name: string): void {
  const people = boardMaps(doc).people
  const next = cleanName(name)
  if (people.get(participantId) !== next) doc.transact(() => people.set(participantId, next))
}

/**
 * Participant id → display name. Names are cleaned and capped on read as the join form does
 * (`cleanName`), whatever a scripted client wrote into the document; an entry that is not a
 * string or is empty after cleaning is left out.
 */
export function readPeople(doc: Y.Doc): Map<string, string> {
  const people = new Map<string, string>()
  boardMaps(doc).people.forEach((value, id) => {
    if (typeof value !== 'string') return
    const name = cleanName(value)
    if (name !== '') people.set(id, name)
  })
  return people
}
