/**
 * Presence of a connection that dies without a close frame. A client process killed with
 * SIGKILL (its kernel closes the TCP connection: the server sees the socket end, no close frame)
 * and a network that silently stops carrying anything (a TCP proxy frozen: no FIN, no RST, only
 * silence) — in both cases the client disappears from everyone's participant list: at once for
 * the first, within the ping timeout for the second (PING_INTERVAL_MS / PING_TIMEOUT_MS, short
 * here; 30 s / 60 s by default).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { startProxy, type Proxy } from '../helpers/proxy'
import { connect, createWorkshop, joinWorkshop, serverSuite, synced, waitFor, type Client } from '../helpers/server'

const servers = serverSuite()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const proxies: Proxy[] = []
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()))
})

/** The names in `client`'s participant list (presence states with a user). */
function names(client: Client): string[] {
  return [...client.provider.awareness.getStates().values()].flatMap((state) => {
    const user = (state as { user?: { name?: string } }).user
    return user?.name ? [user.name] : []
  })
}

describe('presence of a connection that dies without a close frame', () => {
  it('a client process killed with SIGKILL leaves everyone’s participant list', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const kim = await joinWorkshop(server.url, workshop, 'Kim')
    const observer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    observer.provider.awareness.setLocalStateField('user', { name: 'Facilitator' })
    await synced(observer)
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/peerChild.ts', server.wsUrl, workshop.id, kim.token, 'Kim'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      await waitFor(() => names(observer).includes('Kim'), { timeout: 20_000, message: 'Kim appears' })
      child.kill('SIGKILL')
      await exited
      await waitFor(() => !names(observer).includes('Kim'), { timeout: 5000, message: 'Kim leaves the list' })
      expect(server.server.stats().connections).toBe(1)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('a client behind a network that goes silent leaves everyone’s list within the ping timeout', async () => {
    const server = await servers.start({ pingIntervalMs: 100, pingTimeoutMs: 400 })
    const proxy = await startProxy(server.server.port)
    proxies.push(proxy)
    const workshop = await createWorkshop(server.url)
    const lee = await joinWorkshop(server.url, workshop, 'Lee')
    const observer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const silent = connect(proxy.wsUrl, workshop.id, 'board', lee.token)
    silent.provider.awareness.setLocalStateField('user', { name: 'Lee' })
    await Promise.all([synced(observer), synced(silent)])
    await waitFor(() => names(observer).includes('Lee'), { message: 'Lee appears' })
    // Pings and pongs flow while the network works: Lee stays (several timeouts long).
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(names(observer)).toContain('Lee')

    proxy.freeze()
    // The server hears nothing more from Lee: after the ping timeout it cuts the connection off.
    // (Lee's own provider notices nothing for 30 s: this is the server's doing.)
    await waitFor(() => !names(observer).includes('Lee'), { timeout: 5000, message: 'Lee leaves the list' })
    expect(server.server.stats().connections).toBe(1)
    expect(silent.provider.wsconnected).toBe(true)
  })
})

describe('ping settings', () => {
  it('PING_INTERVAL_MS and PING_TIMEOUT_MS are read from the environment; unset, the timeout is two intervals', () => {
    expect(loadConfig({ PING_INTERVAL_MS: '100' })).toMatchObject({ pingIntervalMs: 100, pingTimeoutMs: 200 })
    expect(loadConfig({ PING_INTERVAL_MS: '100', PING_TIMEOUT_MS: '1000' })).toMatchObject({ pingIntervalMs: 100, pingTimeoutMs: 1000 })
    expect(loadConfig({})).toMatchObject({ pingIntervalMs: 30_000, pingTimeoutMs: 60_000 })
    expect(() => loadConfig({ PING_TIMEOUT_MS: 'soon' })).toThrow(/PING_TIMEOUT_MS/)
  })
})
