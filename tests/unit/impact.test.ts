import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workshopToMarkdown } from '../../shared/workshop-file/markdown'
import { parseWorkshopJson, workshopFromJson } from '../../shared/workshop-file/from-json'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, listNotes, quadrantOf, readNote, updateNote } from '../../shared/board/note'

describe('impact / effort of ideas', () => {
  it('places an idea in one of four quadrants, and takes it out again', () => {
    expect(quadrantOf({ impact: 'high', effort: 'low' })).toBe('quickWin')
    expect(quadrantOf({ impact: 'high', effort: 'high' })).toBe('bigBet')
    expect(quadrantOf({ impact: 'low', effort: 'low' })).toBe('fillIn')
    expect(quadrantOf({ impact: 'low', effort: 'high' })).toBe('moneyPit')
    expect(quadrantOf({ impact: 'high' })).toBeUndefined()
    const doc = new Y.Doc()
    const idea = addNote(doc, { text: 'Status page', kind: 'idea', x: 0, y: 0 })
    expect(readNote(doc, idea)).not.toHaveProperty('impact')
    updateNote(doc, idea, { impact: 'high', effort: 'low' })
    expect(readNote(doc, idea)).toMatchObject({ impact: 'high', effort: 'low' })
    updateNote(doc, idea, { effort: null })
    expect(readNote(doc, idea)).not.toHaveProperty('effort')
    // Whatever a client wrote that is not a level reads as not placed.
    doc.transact(() => (boardMaps(doc).notes.get(idea) as Y.Map<unknown>).set('impact', 'enormous'))
    expect(readNote(doc, idea)).not.toHaveProperty('impact')
  })

  it('travels through the JSON export and import, and shows in the Markdown ideas table', () => {
    const board = new Y.Doc()
    const control = new Y.Doc()
    addNote(board, { text: 'Status page', kind: 'idea', x: 0, y: 0, impact: 'high', effort: 'low' })
    addNote(board, { text: 'Rebuild the portal', kind: 'idea', x: 0, y: 0, impact: 'high', effort: 'high' })
    addNote(board, { text: 'Not placed yet', kind: 'idea', x: 0, y: 0 })
    const json = workshopToJson(board, control)
    const parsed = parseWorkshopJson(JSON.parse(JSON.stringify(json)))
    if (!parsed.ok) throw new Error(parsed.error)
    const copy = new Y.Doc()
    workshopFromJson(parsed.value, copy, new Y.Doc())
    expect(listNotes(copy).map((n) => [n.text, n.impact, n.effort]).sort()).toEqual([
      ['Not placed yet', undefined, undefined],
      ['Rebuild the portal', 'high', 'high'],
      ['Status page', 'high', 'low'],
    ])
    const bad = parseWorkshopJson({ ...json, notes: [{ ...json.notes[0], impact: 'huge' }] })
    expect(bad.ok).toBe(false)
    const md = workshopToMarkdown(json)
    expect(md).toContain('| # | Idea | Where | Votes | Impact / effort |')
    expect(md).toContain('| Status page |   | 0 | Quick win (impact high, effort low) |')
    expect(md).toContain('| Rebuild the portal |   | 0 | Big bet (impact high, effort high) |')
  })
})
