/**
 * Hocuspocus 4 (@hocuspocus/server) as a bench peer, alone in its process: with its SQLite
 * extension (one instance) and, for two instances, its Redis extension as well. Started by
 * bench/lib/hocuspocusServer.ts with the spec as JSON in argv[2]; tells its port over IPC and
 * answers "counts" (connections, documents) and "close". Any token is accepted (no
 * onAuthenticate hook): Hocuspocus without authentication, as its quick start runs it.
 */
import { Server } from '@hocuspocus/server'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Redis } from '@hocuspocus/extension-redis'

interface Spec {
  sqliteFile: string
  redis?: { host: string; port: number; prefix: string }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec

async function main(): Promise<void> {
  const extensions = [new SQLite({ database: spec.sqliteFile })]
  if (spec.redis) extensions.push(new Redis({ host: spec.redis.host, port: spec.redis.port, prefix: spec.redis.prefix }) as unknown as SQLite)
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false, extensions })
  await server.listen()
  const port = server.address.port
  process.on('message', (message: { id: number; type: 'counts' | 'close' }) => {
    if (message.type === 'counts') {
      process.send?.({ id: message.id, counts: { connections: server.hocuspocus.getConnectionsCount(), rooms: server.hocuspocus.getDocumentsCount() } })
    } else if (message.type === 'close') {
      server.destroy().then(
        () => {
          process.send?.({ id: message.id })
          setTimeout(() => process.exit(0), 50)
        },
        () => process.exit(1),
      )
    }
  })
  process.on('disconnect', () => process.exit(0))
  process.send?.({ ready: { port } })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
