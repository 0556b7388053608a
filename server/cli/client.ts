/**
 * A terminal client for trying the sync server without a browser: it joins a workshop's board
 * with the stock y-websocket provider, prints the notes whenever they change, and adds each
 * line you type as a note.
 *
 *   npm run client -- <workshopId> <token> [http://127.0.0.1:8080]
 */
import readline from 'node:readline'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'

const [workshopId, token, base = 'http://127.0.0.1:8080'] = process.argv.slice(2)
if (!workshopId || !token) {
  console.error('usage: npm run client -- <workshopId> <token> [http://127.0.0.1:8080]')
  process.exit(2)
}

const doc = new Y.Doc()
const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/sync/${workshopId}`, 'board', doc, {
  params: { token },
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  disableBc: true,
})

provider.on('status', ({ status }) => console.log(`[${status}]`))
provider.on('connection-close', (event) => {
  if (event && event.code >= 4000) console.log(`[closed by server: ${event.code} ${event.reason}]`)
})

function print(): void {
  const stages = new Map(listStages(doc).map((s) => [s.id, s.title]))
  const notes = listNotes(doc)
  console.log(`--- ${notes.length} note(s) ---`)
  for (const note of notes) console.log(`• ${note.text}${note.stageId ? `  (${stages.get(note.stageId) ?? '?'})` : ''}`)
}

provider.on('sync', (synced) => {
  if (synced) {
    print()
    boardMaps(doc).notes.observeDeep(print)
    console.log('Type a note and press Enter to add it (Ctrl+C to quit).')
  }
})

const input = readline.createInterface({ input: process.stdin })
input.on('line', (line) => {
  const text = line.trim()
  if (text) addNote(doc, { text, x: Math.round(Math.random() * 800), y: Math.round(Math.random() * 600) })
})
input.on('close', () => {
  provider.destroy()
  process.exit(0)
})
