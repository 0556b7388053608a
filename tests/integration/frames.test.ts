/** A frame built once and written to many sockets arrives as the same message at each. */
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { binaryFrame, Frame, sendFrame } from '../../server/sync/frames'

const open: Array<{ close(): void }> = []
afterEach(() => {
  for (const thing of open.splice(0)) thing.close()
})

function payload(size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + size) & 0xff
  return bytes
}

describe('prepared frames', () => {
  it('writes RFC 6455 headers for the 7-bit, 16-bit and 64-bit lengths', () => {
    expect([...binaryFrame(payload(125)).subarray(0, 2)]).toEqual([0x82, 125])
    expect([...binaryFrame(payload(126)).subarray(0, 4)]).toEqual([0x82, 126, 0, 126])
    expect([...binaryFrame(payload(65_536)).subarray(0, 10)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0])
    expect(binaryFrame(payload(300)).byteLength).toBe(304)
  })

  it('delivers one frame to several real clients, byte for byte, at every length class', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
    open.push(wss)
    const serverSockets: WebSocket[] = []
    wss.on('connection', (ws) => serverSockets.push(ws))
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    const port = (wss.address() as AddressInfo).port
    const received: Uint8Array[][] = [[], [], []]
    const clients = await Promise.all(
      received.map(
        (list) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}`)
            ws.binaryType = 'nodebuffer'
            ws.on('message', (data: Buffer, isBinary) => {
              expect(isBinary).toBe(true)
              list.push(new Uint8Array(data))
            })
            ws.once('open', () => resolve(ws))
            ws.once('error', reject)
          }),
      ),
    )
    for (const client of clients) open.push(client)
    while (serverSockets.length < clients.length) await new Promise((resolve) => setTimeout(resolve, 5))
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 300_000]
    for (const size of sizes) {
      const frame = new Frame(payload(size))
      for (const ws of serverSockets) sendFrame(ws, frame, (error) => expect.fail(error.message))
    }
    // Interleaved with ordinary sends, the order holds.
    for (const ws of serverSockets) ws.send(payload(7))
    while (received.some((list) => list.length < sizes.length + 1)) await new Promise((resolve) => setTimeout(resolve, 5))
    for (const list of received) {
      expect(list.map((m) => m.byteLength)).toEqual([...sizes, 7])
      sizes.forEach((size, i) => expect(Buffer.from(list[i] as Uint8Array).equals(Buffer.from(payload(size)))).toBe(true))
    }
  })
})
