// @vitest-environment happy-dom
/** The React ↔ Yjs bridges: selectors re-render on real changes only, and follow new docs. */
import { act, render, screen, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import { addNote, listNotes, setNoteText, updateNote } from '../../shared/board/note'
import { share, useDocSelector, useRemoteStates } from '../../client/src/sync/docHooks'

afterEach(cleanup)

function NoteCount({ doc, renders }: { doc: Y.Doc; renders: { count: number } }) {
  const count = useDocSelector(doc, (d) => listNotes(d).length)
  renders.count++
  return <p data-testid="count">{count}</p>
}

function NoteText({ doc, id }: { doc: Y.Doc; id: string }) {
  const text = useDocSelector(doc, (d) => listNotes(d).find((n) => n.id === id)?.text ?? '-', [id])
  return <p data-testid="text">{text}</p>
}

describe('useDocSelector', () => {
  it('re-renders when the selected value changes, and not for other changes', () => {
    const doc = new Y.Doc()
    const renders = { count: 0 }
    render(<NoteCount doc={doc} renders={renders} />)
    expect(screen.getByTestId('count').textContent).toBe('0')
    let id = ''
    act(() => {
      id = addNote(doc, { text: 'a', x: 0, y: 0 })
    })
    expect(screen.getByTestId('count').textContent).toBe('1')
    const before = renders.count
    act(() => {
      updateNote(doc, id, { x: 50 })
      setNoteText(doc, id, 'changed')
    })
    // The count did not change: no re-render.
    expect(renders.count).toBe(before)
  })

  it('sees changes that arrive from another document (a remote peer)', () => {
    const local = new Y.Doc()
    const remote = new Y.Doc()
    const id = addNote(remote, { text: 'from afar', x: 0, y: 0 })
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote))
    render(<NoteText doc={local} id={id} />)
    expect(screen.getByTestId('text').textContent).toBe('from afar')
    act(() => {
      const before = Y.encodeStateVector(local)
      setNoteText(remote, id, 'from afar, edited')
      Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, before), 'provider')
    })
    expect(screen.getByTestId('text').textContent).toBe('from afar, edited')
  })

  it('recomputes when its dependencies or its document change', () => {
    const doc = new Y.Doc()
    const a = addNote(doc, { text: 'A', x: 0, y: 0 })
    const b = addNote(doc, { text: 'B', x: 0, y: 0 })
    const { rerender } = render(<NoteText doc={doc} id={a} />)
    expect(screen.getByTestId('text').textContent).toBe('A')
    rerender(<NoteText doc={doc} id={b} />)
    expect(screen.getByTestId('text').textContent).toBe('B')
    const other = new Y.Doc()
    rerender(<NoteText doc={other} id={b} />)
    expect(screen.getByTestId('text').textContent).toBe('-')
  })
})

function Others({ awareness }: { awareness: Awareness }) {
  const states = useRemoteStates<{ user?: { name: string } }>(awareness)
  return <p data-testid="others">{states.map((s) => s.state.user?.name).join(',')}</p>
}

describe('share', () => {
  it('returns the previous value when nothing changed, and keeps unchanged parts', () => {
    const prev = { list: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], title: 'x', nested: { deep: [1, 2] } }
    expect(share(prev, JSON.parse(JSON.stringify(prev)))).toBe(prev)
    const next = share(prev, { ...JSON.parse(JSON.stringify(prev)), title: 'y' })
    expect(next).not.toBe(prev)
    expect(next.title).toBe('y')
    expect(next.list).toBe(prev.list)
    expect(next.nested).toBe(prev.nested)
  })

  it('matches list elements by id: a changed, added, removed or reordered element is new, the others are kept', () => {
    const a = { id: 'a', text: 'A' }
    const b = { id: 'b', text: 'B' }
    const c = { id: 'c', text: 'C' }
    const changed = share([a, b, c], [{ id: 'a', text: 'A' }, { id: 'b', text: 'B2' }, { id: 'c', text: 'C' }])
    expect(changed[0]).toBe(a)
    expect(changed[1]).toEqual({ id: 'b', text: 'B2' })
    expect(changed[2]).toBe(c)
    const reordered = share([a, b, c], [{ id: 'c', text: 'C' }, { id: 'a', text: 'A' }])
    expect(reordered).toEqual([c, a])
    expect(reordered[0]).toBe(c)
    expect(reordered[1]).toBe(a)
    expect(share([1, 2], [1, 2, 3])).toEqual([1, 2, 3])
    expect(share({ a: 1, b: undefined }, { a: 1 })).toEqual({ a: 1 })
  })
})

describe('useDocSelector identity', () => {
  it('keeps the objects of unchanged notes across a change to another note', () => {
    const doc = new Y.Doc()
    const ids = ['one', 'two', 'three'].map((text, i) => addNote(doc, { text, x: i * 10, y: 0 }))
    const seen: ReturnType<typeof listNotes>[] = []
    function Notes() {
      seen.push(useDocSelector(doc, listNotes))
      return null
    }
    render(<Notes />)
    act(() => {
      setNoteText(doc, ids[1] as string, 'two, edited')
    })
    const [before, after] = [seen[0], seen.at(-1)] as [ReturnType<typeof listNotes>, ReturnType<typeof listNotes>]
    expect(after).not.toBe(before)
    const byId = (list: typeof before, id: string) => list.find((n) => n.id === id)
    expect(byId(after, ids[0] as string)).toBe(byId(before, ids[0] as string))
    expect(byId(after, ids[2] as string)).toBe(byId(before, ids[2] as string))
    expect(byId(after, ids[1] as string)?.text).toBe('two, edited')
  })
})

describe('useRemoteStates', () => {
  it('lists other clients’ presence, not our own, and follows changes', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalStateField('user', { name: 'me' })
    const peerDoc = new Y.Doc()
    const peer = new Awareness(peerDoc)
    peer.setLocalStateField('user', { name: 'Pat' })
    render(<Others awareness={awareness} />)
    expect(screen.getByTestId('others').textContent).toBe('')
    act(() => applyAwarenessUpdate(awareness, encodeAwarenessUpdate(peer, [peerDoc.clientID]), 'remote'))
    expect(screen.getByTestId('others').textContent).toBe('Pat')
    act(() => {
      peer.setLocalStateField('user', { name: 'Pat B.' })
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(peer, [peerDoc.clientID]), 'remote')
    })
    expect(screen.getByTestId('others').textContent).toBe('Pat B.')
    act(() => removeAwarenessStates(awareness, [peerDoc.clientID], 'remote'))
    expect(screen.getByTestId('others').textContent).toBe('')
    awareness.destroy()
    peer.destroy()
  })
})
