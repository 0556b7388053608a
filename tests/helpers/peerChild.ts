/**
 * A stock y-websocket client in a process of its own (argv: wsUrl, workshopId, token, name), to
 * be killed with SIGKILL: it connects to the board, announces itself in presence and prints
 * "synced" with its Yjs client id once in sync.
 */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

const [wsUrl, workshopId, token, name] = process.argv.slice(2) as [string, string, string, string]
const doc = new Y.Doc()
const provider = new WebsocketProvider(`${wsUrl}/sync/${workshopId}`, 'board', doc, {
  params: { token },
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  disableBc: true,
})
provider.awareness.setLocalStateField('user', { name })
provider.on('sync', (synced: boolean) => {
  if (synced) console.log(`synced ${doc.clientID}`)
})
