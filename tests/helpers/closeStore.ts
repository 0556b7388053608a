/**
 * Run as a child process by the storage tests: opens the SQLite store in argv[2], appends a few
 * MiB of rows, closes it as the last thing the process does, then says so. A close that let
 * the process exit halfway would never print "closed".
 */
import { openSqliteStorage } from '../../server/storage/sqlite'

const storage = openSqliteStorage(process.argv[2] as string)
const id = 'c'.repeat(21)
await storage.createWorkshop({ id, title: 'Close', joinCode: 'CLOSE1', createdAt: Date.now() }, {})
const chunk = new Uint8Array(16 * 1024).fill(3)
for (let i = 0; i < 256; i++) await storage.appendUpdate(id, 'board', chunk)
await storage.close()
console.log('closed')
