// @vitest-environment happy-dom
/** The React ↔ Yjs bridges: selectors re-render on real changes only, and follow new docs. */
import { act, render, screen, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import { addNote, listNotes, setNoteText, updateNote } from '../../shared/schema'
import { useDocSelector, useRemoteStates } from '../../client/src/sync/hooks'

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
