/**
 * Run as a child process by tests/reliability/compactionCrash.test.ts, to be killed (SIGKILL)
 * at a random moment: opens the SQLite store in argv[2] and compacts the board of workshop
 * argv[3] over and over, exactly as a room does (StoredLog: the document rebuilt from its rows,
 * encoded, and the rows up to the last one replaced by that snapshot in one transaction).
 * Prints "ready" once the store is open, then the time each compaction took.
 */
import * as Y from 'yjs'
import { StoredLog } from '../../server/storage/compaction'
import { docFromStored } from '../../server/storage/docLoader'
import { openSqliteStorage } from '../../server/storage/sqlite'

const [dataDir, workshopId] = process.argv.slice(2) as [string, string]
const storage = openSqliteStorage(dataDir)
console.log('ready')
for (;;) {
  const started = performance.now()
  const stored = await storage.loadDoc(workshopId, 'board')
  const { doc } = docFromStored(stored, (error) => {
    throw error
  })
  await new StoredLog(storage, workshopId, 'board', 1, stored).compact(() => Y.encodeStateAsUpdate(doc), true)
  console.log(`compacted ${stored.updates.length} rows in ${(performance.now() - started).toFixed(1)} ms`)
}
