/**
 * One open workshop in the browser: the board and control documents, each kept in IndexedDB
 * (edits made offline survive a reload and merge on reconnect) and synced through the stock
 * y-websocket provider. When the server refuses an update (4403 and friends) the local
 * documents are ahead of the server's for good, so they are thrown away — IndexedDB copy
 * included — and loaded again from the server, with a visible notice.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { isLocked } from '../../../shared/facilitation/control'
import { boardMaps } from '../../../shared/board/board-doc'
import { readPeople, setPerson } from '../../../shared/board/person'
import { CLOSE, privateDocName } from '../../../shared/roles'
import { api, ApiError } from '../api'
import { colorFor, type Session } from '../session'
import { applyJitteredBackoff } from './backoff'

export type Fatal = 'newerVersion' | 'removed' | 'linkReplaced' | 'noAccess'

export type ConnectionStatus = 'connecting' | 'connected' | 'offline'

export interface ConnectionState {
  status: ConnectionStatus
  /** The board has been loaded once (from the server or the local copy). */
  loaded: boolean
  /** Bumped each time the documents are replaced; components keyed on it start over. */
  generation: number
  /** Set after the server refused a change: its reason. */
  refusal?: string | undefined
  /**
   * A reason this workshop cannot be opened at all: a newer server version saved it, the
   * facilitator removed this participant or replaced this link, or the token is refused.
   */
  fatal?: Fatal
  /**
   * The server could not save a change (CLOSE.storageFailed): it is kept here and sent again on
   * every reconnect, and this stays set until a connection has held for UNSAVED_CONFIRM_MS
   * after a sync without another failure (the server answers a refused save by closing at once).
   */
  unsaved?: boolean
}

export interface DocHandle {
  doc: Y.Doc
  provider: WebsocketProvider
  persistence: IndexeddbPersistence | undefined
}

/** What a participant shows of itself to others (awareness). */
export interface Presence {
  user: { name: string; color: string; participantId: string; role: string }
  cursor?: { x: number; y: number }
  drag?: { ids: string[]; dx: number; dy: number }
  editing?: string
  /** Writing a private note: others see that, not what. */
  writing?: boolean
  /** The board rectangle in view (what "follow me" shows the others). */
  view?: { x: number; y: number; width: number; height: number }
}

/**
 * The name to show for someone's presence. The server sets `user.name` from the token's
 * identity: a participant's join name, else the role in English — shown in the reader's
 * language instead.
 */
export function presenceName(user: Presence['user'], roleLabel: (role: 'facilitator' | 'viewer') => string): string {
  if (user.role === 'facilitator' || user.role === 'viewer') return roleLabel(user.role)
  return user.name
}

/**
 * A socket that has failed to open for this long asks the API whether the token still counts
 * (a refused upgrade looks like any network failure to a page), and again at most this often.
 * Not sooner: while the server is briefly down, every request only adds a failure.
 */
const ACCESS_CHECK_AFTER_MS = 15_000
const ACCESS_CHECK_EVERY_MS = 30_000

/** Close codes after which our documents can never sync again as they are. */
const REFUSALS = new Set<number>([CLOSE.forbidden, CLOSE.docTooLarge, CLOSE.badMessage])

/**
 * A sync after a storage failure does not yet mean our changes were saved: the server answers
 * our sync step 1 before it stores what we send back. A failed save closes the connection at
 * once, so one that stays up this long after syncing has saved them.
 */
const UNSAVED_CONFIRM_MS = 3000

export interface ConnectionOptions {
  /** Keep documents in IndexedDB (off in environments without it). */
  persist?: boolean
  /** ws(s)://host base; defaults to the page's own host. */
  socketBase?: string
}

export class WorkshopConnection {
  readonly state: StoreApi<ConnectionState> = createStore<ConnectionState>(() => ({ status: 'connecting', loaded: false, generation: 0 }))
  board!: DocHandle
  control!: DocHandle
  /** This person's private notes (private writing); none for viewers. */
  private: DocHandle | undefined
  undo!: Y.UndoManager
  private destroyed = false
  private resetting = false
  private everConnected = false
  /** The browser said it went offline; on 'online' every connection starts again. */
  private networkLost = false
  private lastAccessCheck = 0
  private lastStorageFailure = 0
  private unsavedTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly session: Session,
    private readonly options: ConnectionOptions = {},
  ) {
    this.openAll()
  }

  get awareness() {
    return this.board.provider.awareness
  }

  private socketBase(): string {
    if (this.options.socketBase) return this.options.socketBase
    const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
    return `${protocol}://${window.location.host}`
  }

  private open(name: string): DocHandle {
    const doc = new Y.Doc()
    const persist = this.options.persist ?? typeof indexedDB !== 'undefined'
    const persistence = persist ? new IndexeddbPersistence(`horizon:${this.session.workshopId}:${name}`, doc) : undefined
    const provider = new WebsocketProvider(`${this.socketBase()}/sync/${this.session.workshopId}`, name, doc, {
      params: { token: this.session.token },
      disableBc: true,
    })
    // Spread out reconnects: a room dropped at once does not come back at once.
    applyJitteredBackoff(provider)
    // Since when this socket has not been open.
    let failingSince: number | undefined
    provider.on('connection-close', (event) => {
      if (!event || this.destroyed) return
      if (provider.wsconnected) failingSince = Date.now()
      else failingSince ??= Date.now()
      if (REFUSALS.has(event.code)) void this.reset(event.reason || String(event.code))
      else if (event.code === CLOSE.storageFailed) {
        this.lastStorageFailure = Date.now()
        this.state.setState({ unsaved: true })
      }
      else if (event.code === CLOSE.internalError && /newer version/.test(event.reason)) this.stop('newerVersion')
      else if (event.code === CLOSE.removed) this.stop('removed')
      else if (event.code === CLOSE.unauthorized) this.stop('linkReplaced')
      // A refused upgrade (HTTP 401: removed while offline) reaches a page as a bare 1006, like
      // a network failure; after failing for a while, ask the API whether the token still counts.
      else if (Date.now() - failingSince >= ACCESS_CHECK_AFTER_MS) void this.checkAccess()
    })
    return { doc, provider, persistence }
  }

  private openAll(): void {
    this.board = this.open('board')
    this.control = this.open('control')
    this.private = this.session.role === 'viewer' ? undefined : this.open(privateDocName(this.session.participantId))
    // Presence lives on the board's connection only.
    this.control.provider.awareness.setLocalState(null)
    this.private?.provider.awareness.setLocalState(null)
    const { session } = this
    this.board.provider.awareness.setLocalState({
      user: { name: session.name, color: colorFor(session.participantId), participantId: session.participantId, role: session.role },
    } satisfies Presence)
    // Everything but `people` (our name is not an edit to take back).
    const { people: _people, ...undoable } = boardMaps(this.board.doc)
    this.undo = new Y.UndoManager(Object.values(undoable), { captureTimeout: 400 })
    this.board.provider.on('status', ({ status }) => this.updateStatus(status))
    const loaded = () => {
      if (!this.state.getState().loaded) this.state.setState({ loaded: true })
    }
    this.board.provider.on('sync', (synced) => {
      if (!synced) return
      loaded()
      if (this.state.getState().unsaved) this.confirmSaved()
      this.writeName()
    })
    this.control.provider.on('sync', (synced) => synced && this.writeName())
    this.control.doc.on('update', () => this.writeName())
    void this.board.persistence?.whenSynced.then(() => {
      // A local copy with content is enough to draw the board while offline.
      if (this.board.doc.share.size > 0 && boardMaps(this.board.doc).meta.size > 0) loaded()
    })
    window.addEventListener('online', this.onNetworkChange)
    window.addEventListener('offline', this.onNetworkChange)
  }

  /** Clears "not saved" once every connection has held UNSAVED_CONFIRM_MS since the last failure. */
  private confirmSaved(): void {
    clearTimeout(this.unsavedTimer)
    this.unsavedTimer = setTimeout(() => {
      if (this.destroyed || !this.state.getState().unsaved) return
      const handles = [this.board, this.control, this.private]
      const allUp = handles.every((handle) => handle === undefined || handle.provider.synced)
      if (allUp && Date.now() - this.lastStorageFailure >= UNSAVED_CONFIRM_MS) this.state.setState({ unsaved: false })
      else this.confirmSaved()
    }, UNSAVED_CONFIRM_MS)
  }

  /**
   * Our name in the board's `people`, so that our notes keep an author name after we leave. Only
   * once both documents are in sync and the board is not locked (the server would refuse it).
   */
  private writeName(): void {
    const { session } = this
    if (session.role === 'viewer' || !session.name || !this.board.provider.synced || !this.control.provider.synced) return
    if (isLocked(this.control.doc) || readPeople(this.board.doc).get(session.participantId) === session.name) return
    setPerson(this.board.doc, session.participantId, session.name)
  }

  private readonly onNetworkChange = (event?: Event) => {
    if (event?.type === 'offline') this.networkLost = true
    if (event?.type === 'online' && this.networkLost && !this.destroyed && this.state.getState().fatal === undefined) {
      this.networkLost = false
      // A socket that was open while the network was gone can be dead without knowing it (the
      // browser keeps it "open", nothing flows, until the provider's 30 s timeout): each
      // connection starts again, and what was written offline goes out in its first answer.
      for (const handle of [this.board, this.control, this.private]) {
        if (!handle) continue
        handle.provider.disconnect()
        handle.provider.connect()
      }
    }
    this.updateStatus(this.board.provider.wsconnected ? 'connected' : 'disconnected')
  }

  private updateStatus(status: 'connected' | 'disconnected' | 'connecting'): void {
    if (status === 'connected') this.everConnected = true
    // The browser knows it is offline before the socket does: an open WebSocket can linger
    // (nothing flows) until the provider's 30 s message timeout, and must not read "Online".
    const next: ConnectionStatus = !navigator.onLine
      ? 'offline'
      : status === 'connected'
        ? 'connected'
        : this.everConnected || status === 'disconnected'
          ? 'offline'
          : 'connecting'
    if (this.state.getState().status !== next) this.state.setState({ status: next })
  }

  /** Gives up for good: no more reconnecting, and the page says why. */
  private stop(fatal: Fatal): void {
    for (const handle of [this.board, this.control, this.private]) handle?.provider.disconnect()
    if (this.state.getState().fatal === undefined) this.state.setState({ fatal })
  }

  private async checkAccess(): Promise<void> {
    const now = Date.now()
    if (now - this.lastAccessCheck < ACCESS_CHECK_EVERY_MS) return
    this.lastAccessCheck = now
    try {
      await api.describe(this.session.workshopId, this.session.token)
    } catch (error) {
      if (this.destroyed || !(error instanceof ApiError) || error.status !== 401) return
      this.stop(/removed/.test(error.message) ? 'removed' : /replaced/.test(error.message) ? 'linkReplaced' : 'noAccess')
    }
  }

  /** Throws the local documents (and their IndexedDB copies) away and loads them again. */
  async reset(reason: string): Promise<void> {
    if (this.resetting || this.destroyed) return
    this.resetting = true
    try {
      const old = [this.board, this.control, ...(this.private ? [this.private] : [])]
      this.closeAll()
      await Promise.all(old.map((handle) => handle.persistence?.clearData().catch(() => undefined)))
      if (this.destroyed) return
      this.openAll()
      this.state.setState((s) => ({ generation: s.generation + 1, refusal: reason, status: 'connecting' }))
    } finally {
      this.resetting = false
    }
  }

  dismissRefusal(): void {
    this.state.setState({ refusal: undefined })
  }

  /** Publishes presence fields (cursor, drag, editing); `undefined` removes one. */
  setPresence(fields: { [K in Exclude<keyof Presence, 'user'>]?: Presence[K] | undefined }): void {
    const awareness = this.board.provider.awareness
    const current = (awareness.getLocalState() ?? {}) as Record<string, unknown>
    const next = { ...current }
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) delete next[key]
      else next[key] = value
    }
    awareness.setLocalState(next)
  }

  private closeAll(): void {
    window.removeEventListener('online', this.onNetworkChange)
    window.removeEventListener('offline', this.onNetworkChange)
    this.undo?.destroy()
    for (const handle of [this.board, this.control, this.private]) {
      if (!handle) continue
      handle.provider.destroy()
      void handle.persistence?.destroy()
      handle.doc.destroy()
    }
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    clearTimeout(this.unsavedTimer)
    this.closeAll()
  }
}
