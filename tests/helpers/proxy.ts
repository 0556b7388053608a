/**
 * A TCP proxy in front of a server, for failures a client cannot make by itself: `freeze` stops
 * every byte both ways without closing anything (a network that dropped: no FIN, no close frame,
 * just silence), `cut` destroys every connection at once (a network blip dropping a room).
 */
import net from 'node:net'

export interface Proxy {
  readonly port: number
  readonly wsUrl: string
  /** Connections open through it now. */
  readonly open: number
  freeze(): void
  cut(): void
  close(): Promise<void>
}

export async function startProxy(targetPort: number): Promise<Proxy> {
  const pairs = new Set<[net.Socket, net.Socket]>()
  let frozen = false
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    const pair: [net.Socket, net.Socket] = [client, upstream]
    pairs.add(pair)
    client.pipe(upstream)
    upstream.pipe(client)
    const done = () => {
      pairs.delete(pair)
      if (frozen) return
      client.destroy()
      upstream.destroy()
    }
    for (const socket of pair) {
      socket.on('error', () => undefined)
      socket.on('close', done)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    get open() {
      return pairs.size
    },
    freeze() {
      frozen = true
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
      }
    },
    cut() {
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream.destroy()
      }
      pairs.clear()
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
