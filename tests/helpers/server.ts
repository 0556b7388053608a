/** Real servers on free ports and real y-websocket clients, torn down after each test. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startServer, type HorizonServer } from '../../server/app'
import { DEFAULTS, type Config } from '../../server/config'
import { silentLogger } from '../../server/log'

export const TEST_SECRET = 'horizon-test-secret-0123456789abcdef'

export function tempDir(prefix = 'horizon-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export interface TestServer {
  server: HorizonServer
  url: string
  wsUrl: string
  dataDir: string
  close(): Promise<void>
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir()
  const server = await startServer(
    { ...DEFAULTS, port: 0, host: '127.0.0.1', secret: TEST_SECRET, ...overrides, dataDir },
    silentLogger,
  )
  return {
    server,
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    dataDir,
    close: () => server.close(),
  }
}

/**
 * Test servers for a suite: `start` one (with the test defaults and `overrides`); after each
 * test every client is destroyed and every server still running is closed. `stop` closes one
 * now (a restart in the middle of a test).
 */
export function serverSuite() {
  const servers: TestServer[] = []
  afterEach(async () => {
    destroyAllClients()
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  return {
    async start(overrides: Partial<Config> = {}): Promise<TestServer> {
      const server = await startTestServer(overrides)
      servers.push(server)
      return server
    },
    async stop(server: TestServer): Promise<void> {
      servers.splice(servers.indexOf(server), 1)
      await server.close()
    },
  }
}


export interface CreatedWorkshop {
  id: string
  title: string
  facilitatorToken: string
  viewerToken: string
  joinCode: string
  participantId: string
  facilitatorUrl: string
  joinUrl: string
  viewerUrl: string
}

export async function createWorkshop(url: string, body: Record<string, unknown> = { title: 'Test workshop' }): Promise<CreatedWorkshop> {
  const response = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreatedWorkshop
}

export async function joinWorkshop(url: string, workshop: CreatedWorkshop, name = 'Pat'): Promise<{ participantId: string; token: string }> {
  const response = await fetch(`${url}/api/workshops/${workshop.id}/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, joinCode: workshop.joinCode }),
  })
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as { participantId: string; token: string }
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  destroy(): void
}

const openClients = new Set<Client>()

/** A stock y-websocket provider (Node, `ws` as the WebSocket) on /sync/<id>/<docName>. */
export function connect(wsUrl: string, workshopId: string, docName: string, token: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${wsUrl}/sync/${workshopId}`, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closes: Client['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  const client: Client = {
    doc,
    provider,
    closes,
    destroy() {
      openClients.delete(client)
      provider.destroy()
      doc.destroy()
    },
  }
  openClients.add(client)
  return client
}

/**
 * A stock provider that announces no presence (awareness cleared before its socket opens): what
 * `doc` holds reaches the server only in its answer to sync step 1, so the server only holds
 * its client id for `token`'s identity until it is written under live.
 */
export function silentClient(wsUrl: string, workshopId: string, docName: string, token: string, doc: Y.Doc): Client {
  const client = connect(wsUrl, workshopId, docName, token, doc)
  client.provider.awareness.setLocalState(null)
  return client
}

export function destroyAllClients(): void {
  for (const client of [...openClients]) client.destroy()
}

export function synced(client: Client, timeout = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return waitFor(() => client.provider.synced, { timeout, message: 'provider never synced' })
}

export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  { timeout = 5000, interval = 10, message = 'condition' }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    if (await predicate()) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Opens a raw websocket; resolves with it once open, or rejects with the HTTP status. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.binaryType = 'nodebuffer'
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body}`), { status: res.statusCode, body })))
    })
    ws.once('error', (error) => reject(error))
  })
}

/** Resolves with the close code and reason of `ws`. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve({ code: 1006, reason: '' })
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
}
