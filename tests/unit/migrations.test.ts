import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardVersion, checkMigrations, migrateBoard, MIGRATIONS, SchemaTooNewError, type Migration } from '../../shared/board/migrations'
import { boardMaps } from '../../shared/board/board-doc'
import { readMeta } from '../../shared/board/meta'
import { initBoard } from '../../shared/board/template'

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
      { id: 'test/3-exclaim', from: 2, migrate: (d) => boardMaps(d).meta.set('goal', `${boardMaps(d).meta.get('goal')}!`) },
      { id: 'test/2-more', from: 1, migrate: (d) => boardMaps(d).meta.set('goal', `${boardMaps(d).meta.get('goal')} more`) },
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

  it('names the step that failed', () => {
    const doc = new Y.Doc()
    const steps: Migration[] = [
      {
        id: 'test/2-broken',
        from: 1,
        migrate: () => {
          throw new Error('boom')
        },
      },
    ]
    expect(() => migrateBoard(doc, steps, 2)).toThrow(/migration test\/2-broken \(from schema 1\) failed: boom/)
  })
})

describe('checkMigrations', () => {
  const step = (id: string, from: number): Migration => ({ id, from, migrate: () => {} })

  it('accepts the shipped list: one step from every version below SCHEMA_VERSION, unique ids', () => {
    expect(() => checkMigrations(MIGRATIONS)).not.toThrow()
  })

  it('accepts a complete chain in any order', () => {
    expect(() => checkMigrations([step('b/3', 2), step('b/2', 1)], 3)).not.toThrow()
  })

  it('refuses an id used twice, or empty', () => {
    expect(() => checkMigrations([step('b/2', 1), step('b/2', 2)], 3)).toThrow(/"b\/2" is empty or used twice/)
    expect(() => checkMigrations([step('', 1)], 2)).toThrow(/is empty or used twice/)
  })

  it('refuses two steps from one version, a gap, and a step beyond the target', () => {
    expect(() => checkMigrations([step('a', 1), step('b', 1)], 2)).toThrow(/two migrations from schema 1/)
    expect(() => checkMigrations([step('b/3', 2)], 3)).toThrow(/no migration from schema 1/)
    expect(() => checkMigrations([step('b/2', 1), step('b/9', 8)], 3)).toThrow(/outside 1 … 2/)
  })
})
