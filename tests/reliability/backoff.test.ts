/**
 * Our client's reconnect backoff (client/src/sync/backoff.ts): a random wait up to a cap that
 * doubles with each connection that did not last, back to the first cap after one that did;
 * steering a real y-websocket provider's own reconnect timer.
 */
import { describe, expect, it } from 'vitest'
import { applyJitteredBackoff, BACKOFF, backoffDelay } from '../../client/src/sync/backoff'
import { connect, createWorkshop, serverSuite, synced, waitFor } from '../helpers/server'

const servers = serverSuite()

describe('jittered reconnect backoff', () => {
  it('waits a random time below a cap that doubles per failed attempt, up to the maximum', () => {
    const top = { ...BACKOFF, random: () => 0.999999 }
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, top))).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999])
    expect(backoffDelay(3, { ...BACKOFF, random: () => 0 })).toBe(0)
    const spread = new Set(Array.from({ length: 200 }, () => backoffDelay(0)))
    expect(spread.size).toBeGreaterThan(50)
  })

  it('sets a real provider’s next wait on each drop, growing while connections do not last and starting over after one that did', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const client = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    let now = 0
    applyJitteredBackoff(client.provider, { ...BACKOFF, random: () => 0.5, now: () => now })
    await synced(client)
    const drop = async () => {
      const closes = client.closes.length
      ;(client.provider.ws as unknown as { close(): void }).close()
      await waitFor(() => client.closes.length > closes)
      return client.provider.maxBackoffTime
    }
    now = 1000 // connected for 1 s: not stable
    expect(await drop()).toBe(250)
    await waitFor(() => client.provider.wsconnected)
    expect(await drop()).toBe(500)
    await waitFor(() => client.provider.wsconnected)
    now += 60_000 // this connection lasted: the count starts over
    expect(await drop()).toBe(250)
    await waitFor(() => client.provider.synced)
  })
})
