/** Sticky notes: text (a Y.Text), kind, colour, place on the board, author, phase, impact/effort. */
import * as Y from 'yjs'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { compareIds } from '../order'
import { asRecord, defineRecord, readAll, type PatchOf, type RecordOf } from '../record'
import { coordinate, key, number, oneOf, optionalOneOf, reference, text } from '../record-fields'
import { replaceText } from '../replace-text'
import { clip } from '../text'
import { PHASES } from '../facilitation/phase-names'
import { boardMaps } from './board-doc'

export const NOTE_KINDS = ['note', 'pain', 'hmw', 'idea'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'white'] as const
export type NoteColor = (typeof NOTE_COLORS)[number]
export const DEFAULT_NOTE_COLOR: Record<NoteKind, NoteColor> = {
  note: 'yellow',
  pain: 'pink',
  hmw: 'blue',
  idea: 'green',
}

/** Impact and effort of an idea: low or high (a 2 × 2 matrix). */
export const LEVELS = ['low', 'high'] as const
export type Level = (typeof LEVELS)[number]
/** The four cells of the impact/effort matrix. */
export const QUADRANTS = ['quickWin', 'bigBet', 'fillIn', 'moneyPit'] as const
export type Quadrant = (typeof QUADRANTS)[number]

/**
 * A note. `x` is relative to its stage's column when it has a `stageId`, `y` to its lane's row
 * when it has a `laneId` (see layout.ts). `impact`/`effort`: Develop's placement of an idea,
 * unset until someone places it.
 */
export const noteRecord = defineRecord({
  id: key(),
  text: text(LIMITS.noteText, { yText: true }),
  kind: oneOf(NOTE_KINDS, 'note'),
  color: oneOf(NOTE_COLORS, (note) => DEFAULT_NOTE_COLOR[note.kind as NoteKind]),
  x: coordinate(),
  y: coordinate(),
  stageId: reference(),
  laneId: reference(),
  clusterId: reference(),
  authorId: reference(),
  createdAt: number(),
  phase: oneOf(PHASES, 'discover'),
  impact: optionalOneOf(LEVELS),
  effort: optionalOneOf(LEVELS),
})
export type Note = RecordOf<typeof noteRecord>

/** Where an idea sits in the matrix: high impact and low effort is a quick win, and so on. */
export function quadrantOf(note: Pick<Note, 'impact' | 'effort'>): Quadrant | undefined {
  if (note.impact === undefined || note.effort === undefined) return undefined
  if (note.impact === 'high') return note.effort === 'low' ? 'quickWin' : 'bigBet'
  return note.effort === 'low' ? 'fillIn' : 'moneyPit'
}

/**
 * A new note: a place, and any other field of a note. Without an `id` it gets a new one (with
 * one, it keeps the id it has: a note moved between documents, an import); without a kind it is
 * a `note`, coloured after its kind, created now, in discover.
 */
export type NewNote = Partial<Note> & Pick<Note, 'x' | 'y'>

export function addNote(doc: Y.Doc, input: NewNote): string {
  const id = input.id ?? newId()
  const kind = input.kind ?? 'note'
  const note = {
    ...input,
    kind,
    color: input.color ?? DEFAULT_NOTE_COLOR[kind],
    createdAt: input.createdAt ?? Date.now(),
    phase: input.phase ?? 'discover',
    text: input.text ?? '',
  }
  doc.transact(() => boardMaps(doc).notes.set(id, noteRecord.create(note)))
  return id
}

export function readNote(doc: Y.Doc, id: string): Note | undefined {
  const record = asRecord(boardMaps(doc).notes.get(id))
  return record ? noteRecord.read(record, id) : undefined
}

/** All notes, oldest first (ties by id), so every peer lists them the same way. */
export function listNotes(doc: Y.Doc): Note[] {
  return readAll(boardMaps(doc).notes, noteRecord).sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
}

/** The note's shared text, for editors that bind to it (two people typing merge). */
export function noteText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = asRecord(boardMaps(doc).notes.get(id))?.get('text')
  return text instanceof Y.Text ? text : undefined
}

/**
 * Replaces a note's text with `next` by editing only the changed middle, so that a concurrent
 * edit elsewhere in the same note survives.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string): void {
  const text = noteText(doc, id)
  if (!text) return
  replaceText(doc, text, clip(next, LIMITS.noteText))
}

/**
 * Changes to a note's fields (not its text: see setNoteText; not its kind: see setNoteKind).
 * `null` takes the note out of its stage / lane / cluster, or an idea out of the impact/effort
 * matrix.
 */
export type NotePatch = Omit<PatchOf<Note>, 'id' | 'text' | 'authorId' | 'createdAt' | 'kind' | 'color' | 'x' | 'y' | 'phase'> &
  Partial<Pick<Note, 'color' | 'x' | 'y' | 'phase'>>

export function updateNote(doc: Y.Doc, id: string, patch: NotePatch): void {
  const record = asRecord(boardMaps(doc).notes.get(id))
  if (!record) return
  doc.transact(() => noteRecord.patch(record, patch))
}

/**
 * Makes `ids` notes of `kind` (a note dragged into the pain lane becomes a pain, and so takes
 * part in the pain vote, "Top pains" and story links), in one transaction. A note still in its
 * old kind's colour takes the new kind's; a colour someone chose stays. Impact and effort are
 * kept (an idea turned back into an idea finds its place in the matrix again). Returns the ids
 * that changed.
 */
export function setNoteKind(doc: Y.Doc, ids: string | readonly string[], kind: NoteKind): string[] {
  const changed: string[] = []
  const { notes } = boardMaps(doc)
  doc.transact(() => {
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      const record = asRecord(notes.get(id))
      const note = record ? noteRecord.read(record, id) : undefined
      if (!record || !note || note.kind === kind) continue
      const recolor = note.color === DEFAULT_NOTE_COLOR[note.kind]
      noteRecord.patch(record, { kind, ...(recolor && { color: DEFAULT_NOTE_COLOR[kind] }) })
      changed.push(id)
    }
  })
  return changed
}

/** A drop: the one write a drag makes (the live position travels through awareness). */
export function moveNote(
  doc: Y.Doc,
  id: string,
  to: { x: number; y: number; stageId?: string | null; laneId?: string | null },
): void {
  updateNote(doc, id, to)
}

export function deleteNote(doc: Y.Doc, id: string): void {
  doc.transact(() => boardMaps(doc).notes.delete(id))
}
