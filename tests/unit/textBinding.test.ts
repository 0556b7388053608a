import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { transformIndex, type DeltaOp } from '../../client/src/board/textBinding'

/** Applies a remote edit to `text` and returns its delta as a Y.Text observer sees it. */
function deltaOf(initial: string, edit: (t: Y.Text) => void): DeltaOp[] {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, initial)
  let delta: DeltaOp[] = []
  text.observe((event) => {
    delta = event.delta as DeltaOp[]
  })
  edit(text)
  return delta
}

describe('transformIndex', () => {
  it('shifts a caret after an insert before it', () => {
    const delta = deltaOf('hello world', (t) => t.insert(0, '>> '))
    expect(transformIndex(5, delta)).toBe(8)
  })

  it('leaves a caret before the edit alone', () => {
    const delta = deltaOf('hello world', (t) => t.insert(8, 'XYZ'))
    expect(transformIndex(3, delta)).toBe(3)
  })

  it('pulls a caret back over deleted text before it, and to the start of a deletion around it', () => {
    expect(transformIndex(9, deltaOf('hello world', (t) => t.delete(0, 6)))).toBe(3)
    expect(transformIndex(4, deltaOf('hello world', (t) => t.delete(2, 5)))).toBe(2)
  })

  it('handles a replace in the middle', () => {
    const delta = deltaOf('abcdef', (t) => {
      t.doc!.transact(() => {
        t.delete(1, 2)
        t.insert(1, 'XYZW')
      })
    })
    expect(transformIndex(5, delta)).toBe(7)
    expect(transformIndex(0, delta)).toBe(0)
  })
})
