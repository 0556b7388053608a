/** A DocRoom on real SQLite storage, and a peer that records the updates it is sent. */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { DocRoom, type DocRoomOptions } from '../../server/sync/docRoom'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, updateMessage, type Peer } from '../../server/sync/protocol'
import type { Frame } from '../../server/sync/frames'
import { openSqliteStorage } from '../../server/storage/sqlite'
import type { Storage } from '../../server/storage/types'
import { silentLogger } from '../../server/log'
import { addNote } from '../../shared/board/note'
import { tempDir } from './server'

export { updateMessage }

/** A sync step 2 carrying `update`: a client's answer to the server's sync step 1. */
export function step2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness message setting `clientId`'s state (clock `clock`), as a client sends it. */
export function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientId)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify(state))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

export class RecordingPeer implements Peer {
  readonly role = 'participant' as const
  readonly awarenessIds = new Set<number>()
  readonly updates: Uint8Array[] = []
  /** Close codes and reasons the room ended this peer with. */
  readonly closes: Array<{ code: number; reason: string }> = []
  constructor(
    readonly participantId: string,
    readonly name = `Name of ${participantId}`,
  ) {}
  close(code: number, reason: string): void {
    this.closes.push({ code, reason })
  }
  send(message: Uint8Array): void {
    this.record(message)
  }
  sendFrame(frame: Frame): void {
    this.record(frame.message)
  }
  /** Each awareness message received: the client ids it carries. */
  readonly presence: number[][] = []
  private record(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_AWARENESS) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
      const ids: number[] = []
      for (let n = decoding.readVarUint(inner); n > 0; n--) {
        ids.push(decoding.readVarUint(inner))
        decoding.readVarUint(inner) // clock
        decoding.readVarString(inner) // state
      }
      this.presence.push(ids)
      return
    }
    if (type !== MESSAGE_SYNC) return
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsUpdate) return
    this.updates.push(decoding.readVarUint8Array(decoder))
  }
}

/** A client's change: `count` notes added in a doc of its own, as the update it would send. */
export function noteUpdate(text: string, count = 1): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array | undefined
  doc.on('update', (u: Uint8Array) => (update = u))
  doc.transact(() => {
    for (let i = 0; i < count; i++) addNote(doc, { text, x: 0, y: i })
  })
  return update as Uint8Array
}

export const WORKSHOP_ID = 'room-test-workshop000'
const storages: Storage[] = []

/** Closes the storages opened by `openDocRoom` (call in afterEach). */
export async function closeStorages(): Promise<void> {
  for (const storage of storages.splice(0)) await storage.close()
}

export async function openDocRoom(overrides: Partial<DocRoomOptions> = {}, dataDir = tempDir()): Promise<{ room: DocRoom; storage: Storage; dataDir: string }> {
  const storage = openSqliteStorage(dataDir)
  storages.push(storage)
  const room = new DocRoom(
    {
      workshopId: WORKSHOP_ID,
      name: 'board',
      storage,
      maxDocBytes: 64 * 2 ** 20,
      compactEvery: 500,
      awarenessTickMs: 30,
      step1IntervalMs: 2000,
      log: silentLogger,
      access: () => 'write',
      refusal: () => 'read only',
      ...overrides,
    },
    await storage.loadDoc(WORKSHOP_ID, 'board'),
  )
  return { room, storage, dataDir }
}
