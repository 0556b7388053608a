import pg from 'pg'
import { nanoid } from 'nanoid'
import { DeliveryTracker, sleep } from './lib/measure'
import { closeClients, closedByServer, connectClients, drive, track } from './lib/peerLoad'
import { startBenchServer } from './lib/server'
import { openRoom } from './lib/workshops'
const PG = 'postgres://postgres@127.0.0.1:5432/test'
async function admin(sql: string) { const c = new pg.Client({ connectionString: PG }); await c.connect(); await c.query(sql); await c.end() }
const db = `horizon_dbg_${nanoid(6).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`
await admin(`CREATE DATABASE ${db}`)
const url = new URL(PG); url.pathname = `/${db}`
const config = { databaseUrl: url.toString(), redisUrl: 'redis://127.0.0.1:6379', redisPrefix: `dbg:${nanoid(5)}:` }
const a = await startBenchServer('horizon', { config })
const b = await startBenchServer('horizon', { config })
const n = Number(process.argv[2] ?? 100)
const room = await openRoom(a, n, 'dbg')
const specs = Array.from({ length: n }, (_, i) => ({ url: i < n / 2 ? room.boardUrl(i) : room.boardUrl(i).replace(a.wsUrl, b.wsUrl), group: i < n / 2 ? 0 : 1 }))
const clients = await connectClients(specs)
const t = new DeliveryTracker(n / 2)
track(clients, t, true)
await drive(clients, t, 3000, [a.pid, b.pid])
await sleep(1000)
console.log(t.summary(), closedByServer(clients))
console.log('A:', (await a.stats()).problems)
console.log('B:', (await b.stats()).problems)
await closeClients(clients)
await a.close(); await b.close()
await admin(`DROP DATABASE ${db} WITH (FORCE)`)
process.exit(0)
