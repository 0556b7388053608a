/**
 * The live workshops. A workshop is loaded when its first connection arrives (its control
 * document always, because the board's lock lives there) and unloaded — compacted, then
 * dropped from memory — when its last connection leaves.
 */
import { areGuessesClosed, closeGuesses, isDataRevealed, isLocked, readControl } from '../../shared/facilitation/control'
import { readRound } from '../../shared/voting/round'
import { copyNotesTo, removeNotes } from '../../shared/facilitation/private-notes'
import { migrateBoard } from '../../shared/board/migrations'
import { CLOSE, DATA_NOT_REVEALED, docAccess, privateDocOwner, type DocAccess } from '../../shared/roles'
import { forgedValue, foreignOwnedKey, tracer } from './guards'
import { dataLeak, dataRefusal } from './dataGuards'
import { DocRoom, type RoomSettings } from './docRoom'
import type { Peer } from './protocol'
import type { RoomChannel } from './fanout'
import type { Phase } from '../../shared/facilitation/phase-names'

export type RoomOptions = RoomSettings

/** Called after the facilitator moved a workshop to another phase (continuous journeys, #13: an automatic snapshot). */
export type PhaseListener = (workshopId: string, from: Phase, to: Phase) => void

export class WorkshopRoom {
  private readonly docs = new Map<string, Promise<DocRoom>>()
  private control: DocRoom | undefined

  constructor(
    readonly id: string,
    private readonly options: RoomOptions,
    private readonly phaseListeners: ReadonlySet<PhaseListener> = new Set(),
  ) {}

  async load(): Promise<void> {
    this.control = await this.doc('control')
    this.privateMode = readControl(this.control.doc).privateMode
    this.dataRevealed = isDataRevealed(this.control.doc)
    this.phase = readControl(this.control.doc).phase
  }

  private dataRevealed = false
  private phase: Phase | undefined

  private privateMode = false
  private revealing: Promise<void> = Promise.resolve()

  /** After each facilitator change of the control document: private mode turned off → reveal. */
  private controlChanged(): void {
    if (!this.control) return
    const phase = readControl(this.control.doc).phase
    if (this.phase !== undefined && phase !== this.phase) for (const listener of this.phaseListeners) listener(this.id, this.phase, phase)
    this.phase = phase
    const now = readControl(this.control.doc).privateMode
    const was = this.privateMode
    this.privateMode = now
    this.dataRevealChanged()
    if (was && !now) this.revealing = this.revealing.then(() => this.reveal()).catch((error: unknown) => this.options.log.error(`reveal in ${this.id} failed`, error))
  }

  /**
   * Moves every private note onto the board: first written to the board (stored, relayed),
   * then removed from its author's private document.
   */
  async reveal(): Promise<void> {
    const names = await this.options.storage.listDocNames(this.id)
    const board = await this.doc('board')
    for (const name of names) {
      const owner = privateDocOwner(name)
      if (owner === undefined) continue
      const own = await this.doc(name)
      let ids: string[] = []
      await board.mutate((doc) => {
        ids = copyNotesTo(own.doc, doc, owner)
      })
      await own.mutate((doc) => removeNotes(doc, ids))
    }
  }

  /**
   * The data was hidden again (issue #12): whoever may no longer read the `data` document loses
   * its connection to it, with the reason our client knows (it reconnects on the next reveal).
   */
  private dataRevealChanged(): void {
    if (!this.control) return
    const now = isDataRevealed(this.control.doc)
    const was = this.dataRevealed
    this.dataRevealed = now
    // The first reveal closes the guesses for good. Our client sets `guessesClosed` with the
    // reveal; for any other client (a script that only sets `dataRevealed`) the server does.
    const control = this.control
    if (now && !areGuessesClosed(control.doc, { once: true })) {
      void control.mutate(closeGuesses).catch((error: unknown) => this.options.log.error(`closing the guesses of ${this.id} failed`, error))
    }
    if (!was || now) return
    const data = this.docs.get('data')
    void data?.then(
      (room) => {
        for (const peer of [...room.peers]) {
          if (this.access(peer, 'data') !== 'none') continue
          room.removePeer(peer)
          peer.close(CLOSE.forbidden, DATA_NOT_REVEALED)
        }
      },
      () => undefined,
    )
  }

  /**
   * Why `peer` may not open `docName` at all right now, if it may not: checked before the
   * connection joins the document's room, so that it receives nothing of it (the `data`
   * document before the reveal).
   */
  joinRefusal(peer: Pick<Peer, 'role' | 'participantId'>, docName: string): string | undefined {
    if (this.access(peer, docName) !== 'none') return undefined
    return docName === 'data' ? DATA_NOT_REVEALED : 'this document is not open to you'
  }

  /** What `peer` may do with `docName` now: role, and for participants the board's lock and the data's reveal. */
  access(peer: Pick<Peer, 'role' | 'participantId'>, docName: string): DocAccess {
    const control = this.control?.doc
    return docAccess(peer.role, docName, { locked: control ? isLocked(control) : true, participantId: peer.participantId, dataRevealed: control ? isDataRevealed(control) : false })
  }

  doc(name: string): Promise<DocRoom> {
    let room = this.docs.get(name)
    if (!room) {
      // With fan-out the document's channel is joined before it is loaded (fanout.ts).
      let channel: RoomChannel | undefined
      const joined = this.options.fanout ? this.options.fanout.join(this.id, name).then((joining) => void (channel = joining)) : Promise.resolve()
      room = joined.then(() => this.options.storage.loadDoc(this.id, name)).then(async (stored) => {
        const doc = new DocRoom(
          {
            ...this.options,
            workshopId: this.id,
            name,
            access: (peer) => this.access(peer, name),
            refusal: (peer) =>
              name === 'data' && this.access(peer, name) === 'none'
                ? DATA_NOT_REVEALED
                : peer.role === 'viewer'
                ? 'viewers cannot edit'
                : name === 'control'
                  ? 'only the facilitator can change the facilitation document'
                  : name === 'data'
                    ? 'only the facilitator can change the data'
                    : 'the board is locked by the facilitator',
            ...(name === 'control' && { applied: () => this.controlChanged() }),
            ...(channel && { channel }),
            // The facilitator changed it on another instance (which reveals, if anyone does).
            ...(name === 'control' && { remoteApplied: () => (this.privateMode = this.control ? readControl(this.control.doc).privateMode : this.privateMode) }),
            // Storage failed to take a change: the next connection loads the document afresh.
            broken: () => {
              if (this.docs.get(name) === room) this.docs.delete(name)
              if (name === 'control') {
                this.control = undefined
                this.doc('control').then(
                  (control) => (this.control = control),
                  (error: unknown) => this.options.log.error(`reloading the control document of ${this.id} failed`, error),
                )
              }
            },
            ...(name === 'board' && {
              guard: (peer, doc, decoded) => {
                const control = this.control?.doc
                // Not revealed unless the control says so (the data is never leaked by default).
                const dataShown = control !== undefined && isDataRevealed(control)
                if (peer.role === 'facilitator') return dataLeak(tracer(doc, decoded), dataShown)
                if (peer.role !== 'participant') return undefined
                // A closed round's results are kept as they were: its dots are not the
                // participants' to change any more.
                const closed = (roundId: string) => control === undefined || readRound(control, roundId)?.status === 'closed'
                const trace = tracer(doc, decoded)
                const refused = foreignOwnedKey(doc, decoded, peer.participantId, closed, trace)
                if (refused !== undefined) {
                  if (refused.reason === 'closed') return 'this voting round is closed'
                  // Items the server cannot place (a cycle of references) are not votes at all.
                  return refused.key === '(unresolvable)' ? 'the update could not be integrated completely' : 'participants may only change their own votes and name'
                }
                return forgedValue(doc, decoded, peer.participantId, trace) ?? dataRefusal(doc, trace, control === undefined || areGuessesClosed(control)) ?? dataLeak(trace, dataShown)
              },
            }),
          },
          stored,
        )
        try {
          await doc.settle()
        } catch (error) {
          doc.discard()
          throw error
        }
        // A board from an older schema is brought up to date once, on the server; one from a
        // newer version is refused untouched (SchemaTooNewError).
        if (name === 'board') {
          try {
            await doc.mutate((d) => migrateBoard(d))
          } catch (error) {
            doc.discard()
            throw error
          }
        }
        return doc
      })
      this.docs.set(name, room)
      room.catch(() => {
        this.docs.delete(name)
        channel?.leave()
      })
    }
    return room
  }

  async loadedDocs(): Promise<DocRoom[]> {
    const settled = await Promise.allSettled(this.docs.values())
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  }

  async close(): Promise<void> {
    // A reveal under way finishes first: its writes are stored before the documents go.
    await this.revealing
    const docs = await this.loadedDocs()
    await Promise.all(docs.map((doc) => doc.close()))
    this.docs.clear()
  }
}

interface Entry {
  room: Promise<WorkshopRoom>
  refs: number
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>()
  /** Unloads in progress; a new load of the same workshop waits for its unload to finish. */
  private readonly unloading = new Map<string, Promise<void>>()

  /** Told about every phase change of every workshop (continuous journeys, #13). */
  readonly phaseChanged = new Set<PhaseListener>()

  constructor(private readonly options: RoomOptions) {}

  /** Holds the workshop in memory until `release` is called once for this acquire. */
  acquire(workshopId: string): Promise<WorkshopRoom> {
    let entry = this.entries.get(workshopId)
    if (!entry) {
      const previous = this.unloading.get(workshopId) ?? Promise.resolve()
      const room = previous.then(async () => {
        const workshop = new WorkshopRoom(workshopId, this.options, this.phaseChanged)
        await workshop.load()
        return workshop
      })
      entry = { room, refs: 0 }
      this.entries.set(workshopId, entry)
      const created = entry
      room.catch(() => {
        if (this.entries.get(workshopId) === created) this.entries.delete(workshopId)
      })
    }
    entry.refs++
    return entry.room
  }

  release(workshopId: string): void {
    const entry = this.entries.get(workshopId)
    if (!entry) return
    entry.refs--
    if (entry.refs > 0) return
    this.entries.delete(workshopId)
    const previous = this.unloading.get(workshopId) ?? Promise.resolve()
    const unload = previous
      .then(() => entry.room)
      .then((room) => room.close())
      .catch((error: unknown) => this.options.log.error(`unloading workshop ${workshopId} failed`, error))
      .finally(() => {
        if (this.unloading.get(workshopId) === unload) this.unloading.delete(workshopId)
      })
    this.unloading.set(workshopId, unload)
  }

  get loadedCount(): number {
    return this.entries.size
  }

  /** Waits for every unload under way (for shutdown and tests). */
  async settle(): Promise<void> {
    while (this.unloading.size > 0) await Promise.all(this.unloading.values())
  }

  /** Compacts and drops every workshop, connected or not (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.entries()]
    this.entries.clear()
    await Promise.all(
      entries.map(async ([id, entry]) => {
        try {
          await (await entry.room).close()
        } catch (error) {
          this.options.log.error(`closing workshop ${id} failed`, error)
        }
      }),
    )
    await this.settle()
  }
}
