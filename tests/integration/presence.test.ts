/**
 * Presence relay: at most one awareness message per tick. A change in a quiet room goes out at
 * once; changes during the tick that follows ride together in one message; a closed
 * connection's presence is removed at once. Driven through DocRoom's own message handling.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { closeStorages, openDocRoom, presenceMessage, RecordingPeer } from '../helpers/room'
import { connect, createWorkshop, joinWorkshop, serverSuite, synced, waitFor } from '../helpers/server'

afterEach(closeStorages)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('presence batching', () => {
  it('sends a lone change at once, then the changes of the next tick as one message', async () => {
    const { room } = await openDocRoom({ awarenessTickMs: 200 })
    const [a, b, c, observer] = ['a', 'b', 'c', 'observer'].map((id) => new RecordingPeer(id)) as [RecordingPeer, RecordingPeer, RecordingPeer, RecordingPeer]
    for (const peer of [a, b, c, observer]) room.addPeer(peer)
    await room.handleMessage(a, presenceMessage(101, 1, { cursor: { x: 1, y: 1 } }))
    expect(observer.presence).toEqual([[101]])
    // Within the tick: held back, then sent together (each client's latest state once).
    await room.handleMessage(b, presenceMessage(102, 1, { cursor: { x: 2, y: 2 } }))
    await room.handleMessage(c, presenceMessage(103, 1, { cursor: { x: 3, y: 3 } }))
    await room.handleMessage(b, presenceMessage(102, 2, { cursor: { x: 4, y: 4 } }))
    expect(observer.presence).toHaveLength(1)
    const deadline = Date.now() + 2000
    while (observer.presence.length < 2 && Date.now() < deadline) await sleep(10)
    expect(observer.presence).toHaveLength(2)
    expect([...(observer.presence[1] as number[])].sort()).toEqual([102, 103])
    expect(room.awareness.getStates().get(102)).toEqual({ cursor: { x: 4, y: 4 } })
    room.discard()
  })

  it('removes the presence of a closed connection at once, even within a tick', async () => {
    const { room } = await openDocRoom({ awarenessTickMs: 10_000 })
    const leaver = new RecordingPeer('leaver')
    const observer = new RecordingPeer('observer')
    room.addPeer(leaver)
    room.addPeer(observer)
    await room.handleMessage(leaver, presenceMessage(201, 1, { user: { name: 'Lea' } }))
    expect(observer.presence).toEqual([[201]])
    room.removePeer(leaver)
    expect(observer.presence).toEqual([[201], [201]])
    expect(room.awareness.getStates().has(201)).toBe(false)
    room.discard()
  })
})

describe('presence identity', () => {
  const servers = serverSuite()
  it('relays a participant’s presence with its own role, id and name, whatever it claims (no passing for the facilitator)', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const alice = await joinWorkshop(server.url, workshop, 'Alice')
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const liar = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    const honest = connect(server.wsUrl, workshop.id, 'board', alice.token)
    await Promise.all([synced(facilitator), synced(liar), synced(honest)])
    liar.provider.awareness.setLocalState({ user: { name: 'Facilitator', role: 'facilitator', participantId: workshop.participantId }, view: { x: 0, y: 0, width: 1, height: 1 } })
    honest.provider.awareness.setLocalState({ user: { name: 'Alice', role: 'participant', participantId: alice.participantId } })
    const seen = (clientId: number) => facilitator.provider.awareness.getStates().get(clientId) as { user?: Record<string, unknown>; view?: unknown } | undefined
    await waitFor(() => seen(liar.doc.clientID) !== undefined && seen(honest.doc.clientID) !== undefined, { message: 'presence relayed' })
    expect(seen(liar.doc.clientID)).toEqual({ user: { name: 'Mallory', role: 'participant', participantId: mallory.participantId }, view: { x: 0, y: 0, width: 1, height: 1 } })
    expect(seen(honest.doc.clientID)).toEqual({ user: { name: 'Alice', role: 'participant', participantId: alice.participantId } })
    expect(liar.closes).toEqual([])
  })
})
