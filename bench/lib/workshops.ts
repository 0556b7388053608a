/**
 * A room to load: on Horizon a real workshop (POST /api/workshops, journey template) with one
 * real participant token per client (POST /api/workshops/:id/join); on the reference server a
 * document of the same name with the same template written once (it has no auth and no REST).
 */
import { newId } from '../../shared/ids'
import { initBoard } from '../../shared/board/template'
import { LitePeer } from './peer'
import type { BenchServer } from './server'

export interface BenchRoom {
  id: string
  /** Horizon only. */
  facilitatorToken: string | undefined
  joinCode: string | undefined
  /** One participant token per client (Horizon); empty on the reference server. */
  tokens: string[]
  /** The provider's server URL (`WebsocketProvider(serverUrl, 'board', …)`). */
  serverUrl: string
  /** The board's sync URL for client `i` (with its token on Horizon). */
  boardUrl(i: number): string
  /** The board's sync URL with the facilitator's token (Horizon) or none. */
  facilitatorUrl(): string
}

async function post<T>(url: string, body: unknown, expected: number): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (response.status !== expected) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

export async function createWorkshop(server: BenchServer, title = 'Bench workshop') {
  return post<{ id: string; facilitatorToken: string; joinCode: string; viewerToken: string }>(`${server.url}/api/workshops`, { title }, 201)
}

export async function joinParticipants(server: BenchServer, workshopId: string, joinCode: string, count: number): Promise<string[]> {
  const tokens: string[] = new Array<string>(count)
  const batch = 25
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async (_, k) => {
        const i = start + k
        const joined = await post<{ token: string }>(`${server.url}/api/workshops/${workshopId}/join`, { name: `Participant ${i + 1}`, joinCode }, 200)
        tokens[i] = joined.token
      }),
    )
  }
  return tokens
}

export async function openRoom(server: BenchServer, participants: number, title?: string): Promise<BenchRoom> {
  if (server.kind === 'horizon') {
    const created = await createWorkshop(server, title)
    const tokens = await joinParticipants(server, created.id, created.joinCode, participants)
    const base = `${server.wsUrl}/sync/${created.id}`
    return {
      id: created.id,
      facilitatorToken: created.facilitatorToken,
      joinCode: created.joinCode,
      tokens,
      serverUrl: base,
      boardUrl: (i) => `${base}/board?token=${encodeURIComponent(tokens[i] as string)}`,
      facilitatorUrl: () => `${base}/board?token=${encodeURIComponent(created.facilitatorToken)}`,
    }
  }
  const id = newId()
  const base = `${server.wsUrl}/sync/${id}`
  // The same starting document as a new Horizon workshop: the journey template.
  const seed = new LitePeer(`${base}/board`)
  initBoard(seed.doc, { template: 'journey', title: title ?? 'Bench workshop' })
  await seed.connect()
  await seed.roundTrip()
  seed.close()
  await seed.closed()
  return {
    id,
    facilitatorToken: undefined,
    joinCode: undefined,
    tokens: [],
    serverUrl: base,
    boardUrl: () => `${base}/board`,
    facilitatorUrl: () => `${base}/board`,
  }
}

/** Connects `peers` in batches (a burst of hundreds of simultaneous handshakes is its own bench). */
export async function connectAll(peers: LitePeer[], batch = 50): Promise<void> {
  for (let start = 0; start < peers.length; start += batch) {
    await Promise.all(peers.slice(start, start + batch).map((peer) => peer.connect()))
  }
}
