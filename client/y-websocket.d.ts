/**
 * Types for y-websocket@2. Its package.json lists the "import" condition before "types", so
 * TypeScript resolves the untyped source file; this declares the part of the API we use,
 * after the package's own dist/src/y-websocket.d.ts.
 */
declare module 'y-websocket' {
  import type { ObservableV2 } from 'lib0/observable'
  import type { Awareness } from 'y-protocols/awareness'
  import type * as Y from 'yjs'

  export const messageSync: 0
  export const messageQueryAwareness: 3
  export const messageAwareness: 1
  export const messageAuth: 2

  export class WebsocketProvider extends ObservableV2<{
    'connection-close': (event: CloseEvent | null, provider: WebsocketProvider) => unknown
    status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => unknown
    'connection-error': (event: Event, provider: WebsocketProvider) => unknown
    sync: (state: boolean) => unknown
    synced: (state: boolean) => unknown
  }> {
    constructor(
      serverUrl: string,
      roomname: string,
      doc: Y.Doc,
      options?: {
        connect?: boolean
        awareness?: Awareness
        params?: Record<string, string>
        protocols?: string[]
        WebSocketPolyfill?: typeof WebSocket
        resyncInterval?: number
        maxBackoffTime?: number
        disableBc?: boolean
      },
    )
    serverUrl: string
    roomname: string
    doc: Y.Doc
    awareness: Awareness
    params: Record<string, string>
    ws: WebSocket | null
    wsconnected: boolean
    wsconnecting: boolean
    shouldConnect: boolean
    maxBackoffTime: number
    get url(): string
    get synced(): boolean
    set synced(state: boolean)
    connect(): void
    disconnect(): void
    override destroy(): void
  }
}
