/**
 * Fan-out over Redis Streams (ioredis). Each document has a stream, `<prefix>doc:<workshop>:<doc>`;
 * an instance appends what its room accepted (XADD, trimmed to the last few thousand entries,
 * expiring a day after the last one) and reads every stream of the rooms it has open with one
 * blocking XREAD on a connection of its own. Entries carry the publishing instance's id, and an
 * instance skips its own.
 *
 * Why streams rather than pub/sub: a subscription is a position in the stream, taken when the
 * room joins (the last entry's id) — whatever comes after is read, however long the room then
 * takes to load from storage, and a reader that lost its connection for a moment continues from
 * where it was.
 *
 * Redis restarting (everything in it gone) or a publish failing: every instance reads storage
 * again for every open room (resync) when its reader connects again, and an instance whose
 * publishing connection comes back asks all others to do the same. Clients meanwhile keep
 * working with the instance they are connected to; what they wrote is stored before it is
 * relayed, so a resync finds it.
 */
import type { SharedCounts } from '../ratelimit'
import { nanoid } from 'nanoid'
import { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { ChannelHandlers, Fanout, RoomChannel } from './fanout'

export interface RedisFanoutOptions {
  /** Prefix of every key (tests use one per test; several deployments may share a Redis). */
  prefix?: string
  log: Logger
}

/** Entries kept per document stream (approximately: MAXLEN ~). */
const STREAM_MAXLEN = 5000
/** A document stream nobody wrote to for this long expires. */
const STREAM_TTL_MS = 24 * 3600 * 1000
/** How often an instance says it is alive (README "Several instances"). */
const HEARTBEAT_MS = 2000
/** Nothing heard from an instance for this long: it is gone (killed, or cut off from Redis). */
const GONE_AFTER_MS = 3 * HEARTBEAT_MS

/** How long one XREAD waits for something to arrive before asking again. */
const BLOCK_MS = 5000
/** How long starting waits for Redis before the server refuses to start. */
const CONNECT_TIMEOUT_MS = 15_000
/** Entries read per stream per XREAD. */
const READ_COUNT = 500

type Entry = [id: Buffer, fields: Buffer[]]
type XReadReply = Array<[key: Buffer, entries: Entry[]]> | null

interface Subscription {
  /** The id of the last entry read (or seen when joining). */
  lastId: string
  channels: Set<Channel>
  ready: Promise<void>
}

class Channel implements RoomChannel {
  private handlers: ChannelHandlers | undefined
  private buffered: Array<(handlers: ChannelHandlers) => void> = []
  left = false

  constructor(
    private readonly fanout: RedisFanout,
    readonly key: string,
  ) {}

  attach(handlers: ChannelHandlers): void {
    this.handlers = handlers
    const buffered = this.buffered
    this.buffered = []
    for (const deliver of buffered) deliver(handlers)
  }

  deliver(deliver: (handlers: ChannelHandlers) => void): void {
    if (this.left) return
    if (this.handlers) deliver(this.handlers)
    else this.buffered.push(deliver)
  }

  publishUpdate(update: Uint8Array, claims: ReadonlyArray<readonly [number, string]>, holds: ReadonlyArray<readonly [number, string]> = [], seq?: number): void {
    // Claims as [id, owner], holds as [id, holder, 1].
    const owners = [...claims, ...holds.map(([client, holder]) => [client, holder, 1] as const)]
    this.fanout.publish(this.key, 'u', update, owners.length > 0 ? JSON.stringify(owners) : '', seq)
  }

  publishAwareness(update: Uint8Array): void {
    this.fanout.publish(this.key, 'a', update, '')
  }

  leave(): void {
    if (this.left) return
    this.left = true
    this.fanout.leave(this)
  }
}

export class RedisFanout implements Fanout {
  readonly instanceId = nanoid(12)
  private readonly prefix: string
  private readonly log: Logger
  /** Commands (XADD, XREVRANGE); fails fast while Redis is away rather than queueing for long. */
  private readonly commands: Redis
  /** The blocking XREAD; waits through any outage. */
  private readonly reader: Redis
  private readonly subscriptions = new Map<string, Subscription>()
  /** Other instances → when anything of theirs was last read (their heartbeats, at least). */
  private readonly heardFrom = new Map<string, number>()
  private readonly heartbeat: NodeJS.Timeout
  /** The command connection and the key prefix, for the per-IP limits all instances share (ratelimit.ts). */
  get sharedCounts(): SharedCounts {
    return { client: this.commands, prefix: this.prefix }
  }
  private readonly revocationHandlers: Array<(workshopId: string) => void> = []
  private readonly controlKey: string
  private readonly wakeKey: string
  private controlId = '0-0'
  private wakeId = '0-0'
  private closed = false
  private loop: Promise<void> = Promise.resolve()
  private readerConnectedBefore = false
  private commandsConnectedBefore = false
  private publishFailures = 0

  private constructor(url: string, options: RedisFanoutOptions) {
    this.prefix = options.prefix ?? 'horizon:'
    this.log = options.log
    this.controlKey = `${this.prefix}control`
    this.wakeKey = `${this.prefix}wake:${this.instanceId}`
    this.commands = new Redis(url, { maxRetriesPerRequest: 2, connectionName: `horizon-${this.instanceId}` })
    this.reader = new Redis(url, { maxRetriesPerRequest: null, connectionName: `horizon-${this.instanceId}-reader` })
    for (const [name, connection] of [['commands', this.commands], ['reader', this.reader]] as const) {
      connection.on('error', (error: Error) => this.log.warn(`Redis (${name}): ${error.message}`))
    }
    this.reader.on('ready', () => {
      // Back after an outage: what was published meanwhile may be gone with it.
      if (this.readerConnectedBefore) this.resyncAll('the Redis reader connected again')
      this.readerConnectedBefore = true
    })
    this.commands.on('ready', () => {
      if (this.commandsConnectedBefore) {
        // Our publishes may have failed meanwhile: every instance reads storage again.
        this.publish(this.controlKey, 's', new Uint8Array(), '')
      }
      this.commandsConnectedBefore = true
    })
    this.heartbeat = setInterval(this.beat, HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  /** Connects; rejects when Redis cannot be reached at all (the server then refuses to start). */
  static async connect(url: string, options: RedisFanoutOptions): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, options)
    try {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS)
      })
      try {
        await Promise.race([Promise.all([fanout.commands.ping(), fanout.reader.ping()]), timeout])
        fanout.controlId = await Promise.race([fanout.lastId(fanout.controlKey), timeout])
      } finally {
        clearTimeout(timer)
      }
    } catch (error) {
      clearInterval(fanout.heartbeat)
      fanout.commands.disconnect()
      fanout.reader.disconnect()
      throw new Error(`Redis at ${url.replace(/\/\/[^@]*@/, '//')} cannot be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
    fanout.loop = fanout.readLoop()
    return fanout
  }

  private async lastId(key: string): Promise<string> {
    const last = await this.commands.xrevrange(key, '+', '-', 'COUNT', 1)
    return last[0]?.[0] ?? '0-0'
  }

  async join(workshopId: string, docName: string): Promise<RoomChannel> {
    const key = `${this.prefix}doc:${workshopId}:${docName}`
    let subscription = this.subscriptions.get(key)
    if (!subscription) {
      const created: Subscription = { lastId: '0-0', channels: new Set(), ready: Promise.resolve() }
      created.ready = this.lastId(key).then(
        (id) => {
          created.lastId = id
        },
        (error: unknown) => {
          // Redis is away: read the stream from its start once it is back (entries are
          // idempotent; the stream holds at most STREAM_MAXLEN of them).
          this.log.warn(`joining ${key} while Redis is unavailable; reading its stream from the start`, error instanceof Error ? error.message : error)
        },
      )
      subscription = created
      this.subscriptions.set(key, subscription)
    }
    const channel = new Channel(this, key)
    subscription.channels.add(channel)
    await subscription.ready
    this.wake()
    return channel
  }

  leave(channel: Channel): void {
    const subscription = this.subscriptions.get(channel.key)
    if (!subscription) return
    subscription.channels.delete(channel)
    if (subscription.channels.size === 0) this.subscriptions.delete(channel.key)
  }

  publishRevocation(workshopId: string): void {
    this.publish(this.controlKey, 'r', new TextEncoder().encode(workshopId), '')
  }

  onRevocation(handler: (workshopId: string) => void): void {
    this.revocationHandlers.push(handler)
  }

  /** Appends an entry (never awaited by the room: its own connections are not held up by Redis). */
  publish(key: string, type: 'u' | 'a' | 'r' | 's' | 'h', data: Uint8Array, claims: string, seq?: number): void {
    if (this.closed) return
    const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const fields: Array<string | Buffer> = ['i', this.instanceId, 't', type, 'd', payload, 'c', claims]
    if (seq !== undefined) fields.push('q', String(seq))
    this.commands
      .pipeline()
      .xadd(key, 'MAXLEN', '~', STREAM_MAXLEN, '*', ...fields)
      .pexpire(key, STREAM_TTL_MS)
      .exec()
      .then(
        (results) => {
          const failed = results?.find(([error]) => error)
          if (failed) throw failed[0]
          this.publishFailures = 0
        },
      )
      .catch((error: unknown) => {
        // Logged once per outage, not once per message.
        if (this.publishFailures++ === 0) this.log.warn('publishing to Redis failed; other instances will read storage again when it is back', error instanceof Error ? error.message : error)
      })
  }

  /** Interrupts the blocking XREAD so that it reads a newly joined stream at once. */
  private wake(): void {
    if (this.closed) return
    this.commands.xadd(this.wakeKey, 'MAXLEN', '~', 10, '*', 'w', '1').then(
      () => this.commands.pexpire(this.wakeKey, 60_000),
      () => undefined,
    )
  }

  private resyncAll(why: string): void {
    this.log.info(`${why}: reading ${this.subscriptions.size} open documents from storage again`)
    for (const subscription of this.subscriptions.values()) for (const channel of subscription.channels) channel.deliver((h) => h.resync())
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const keys = [this.controlKey, this.wakeKey]
      const ids = [this.controlId, this.wakeId]
      for (const [key, subscription] of this.subscriptions) {
        keys.push(key)
        ids.push(subscription.lastId)
      }
      let reply: XReadReply
      try {
        reply = (await this.reader.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids)) as XReadReply
      } catch (error) {
        if (this.closed) return
        this.log.warn('reading from Redis failed; trying again', error instanceof Error ? error.message : error)
        await new Promise((resolve) => setTimeout(resolve, 250))
        continue
      }
      for (const [rawKey, entries] of reply ?? []) this.dispatch(rawKey.toString(), entries)
    }
  }

  private dispatch(key: string, entries: Entry[]): void {
    const last = entries.at(-1)
    if (!last) return
    const lastId = last[0].toString()
    if (key === this.wakeKey) {
      this.wakeId = lastId
      return
    }
    if (key === this.controlKey) this.controlId = lastId
    const subscription = this.subscriptions.get(key)
    if (subscription) subscription.lastId = lastId
    for (const [, fields] of entries) {
      const entry = readFields(fields)
      if (entry.instance === this.instanceId) continue
      this.heardFrom.set(entry.instance, Date.now())
      if (key === this.controlKey) {
        if (entry.type === 'r') {
          const workshopId = entry.data.toString()
          for (const handler of this.revocationHandlers) handler(workshopId)
        } else if (entry.type === 's') this.resyncAll('another instance published again after a Redis outage')
        continue
      }
      if (!subscription) continue
      const data = new Uint8Array(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength)
      if (entry.type === 'u') {
        const claims: Array<[number, string]> = []
        const holds: Array<[number, string]> = []
        try {
          const owners = entry.claims ? (JSON.parse(entry.claims) as Array<[number, string, 1?]>) : []
          for (const [client, owner, held] of owners) (held === 1 ? holds : claims).push([client, owner])
        } catch {
          // Written by our own instances: unreadable means damaged; the update still counts.
        }
        const seq = entry.seq === '' ? undefined : Number(entry.seq)
        for (const channel of subscription.channels) channel.deliver((h) => h.update(data, claims, holds, Number.isSafeInteger(seq) ? seq : undefined))
      } else if (entry.type === 'a') {
        for (const channel of subscription.channels) channel.deliver((h) => h.awareness(data, entry.instance))
      }
    }
  }

  /**
   * Says this instance is alive (on the control stream every instance reads) and finds the
   * instances nothing was heard from for GONE_AFTER_MS: the presence of their connections goes.
   */
  private readonly beat = (): void => {
    this.publish(this.controlKey, 'h', new Uint8Array(0), '')
    const cutoff = Date.now() - GONE_AFTER_MS
    for (const [instance, at] of this.heardFrom) {
      if (at >= cutoff) continue
      this.heardFrom.delete(instance)
      this.log.info(`instance ${instance} has not been heard from for ${GONE_AFTER_MS / 1000} s; dropping its connections' presence`)
      for (const subscription of this.subscriptions.values()) for (const channel of subscription.channels) channel.deliver((h) => h.instanceGone(instance))
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearInterval(this.heartbeat)
    this.reader.disconnect()
    await this.loop
    await this.commands.quit().catch(() => this.commands.disconnect())
  }
}

function readFields(fields: Buffer[]): { instance: string; type: string; data: Buffer; claims: string; seq: string } {
  const entry: { instance: string; type: string; data: Buffer; claims: string; seq: string } = { instance: '', type: '', data: Buffer.alloc(0), claims: '', seq: '' }
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = (fields[i] as Buffer).toString()
    const value = fields[i + 1] as Buffer
    if (name === 'i') entry.instance = value.toString()
    else if (name === 't') entry.type = value.toString()
    else if (name === 'd') entry.data = value
    else if (name === 'c') entry.claims = value.toString()
    else if (name === 'q') entry.seq = value.toString()
  }
  return entry
}
