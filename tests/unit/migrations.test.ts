import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardVersion, migrateBoard, SchemaTooNewError, type Migration } from '../../shared/migrations'
import { boardMaps, initBoard, readMeta } from '../../shared/schema'

describe('migrateBoard', () => {
  it('leaves a current document untouched', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'journey', title: 'Now' })
    let updates = 0
    doc.on('update', () => updates++)
    expect(migrateBoard(doc)).toEqual({ from: 1, to: 1 })
    expect(updates).toBe(0)
  })

  it('treats a document without a version as version 1', () => {
    const doc = new Y.Doc()
    expect(boardVersion(doc)).toBe(1)
    boardMaps(doc).meta.set('schemaVersion', 'two')
    expect(boardVersion(doc)).toBe(1)
  })

  it('refuses a document from a newer version without changing it', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'blank', title: 'Future' })
    boardMaps(doc).meta.set('schemaVersion', 7)
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => migrateBoard(doc)).toThrow(SchemaTooNewError)
    expect(() => migrateBoard(doc)).toThrow(/newer version of Horizon \(schema 7/)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('runs each step in order, in one transaction, and records the new version', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'blank', title: 'Old' })
    boardMaps(doc).meta.set('goal', 'grow')
    const steps: Migration[] = [
      { from: 2, migrate: (d) => boardMaps(d).meta.set('goal', `${boardMaps(d).meta.get('goal')}!`) },
      { from: 1, migrate: (d) => boardMaps(d).meta.set('goal', `${boardMaps(d).meta.get('goal')} more`) },
    ]
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    expect(migrateBoard(doc, steps, 3)).toEqual({ from: 1, to: 3 })
    expect(transactions).toBe(1)
    expect(readMeta(doc)).toMatchObject({ schemaVersion: 3, goal: 'grow more!' })
  })

  it('fails loudly when a step is missing', () => {
    const doc = new Y.Doc()
    expect(() => migrateBoard(doc, [], 2)).toThrow(/no migration from schema 1/)
  })
})
