/**
 * The board screen: top bar (status, tools, participants), the canvas or — on a phone — the
 * phone view, the list view and the stages-and-lanes panel. Keyboard: N adds a note, Delete
 * removes the selection, Ctrl/Cmd+Z and Shift+Z undo and redo one's own changes, space+drag pans.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useStore } from 'zustand'
import { cellAt, fitViewport, LAYOUT, noteWorldPosition, zoomAt, type BoardLayout } from '../../../shared/layout'
import { addCluster, deleteNote, NOTE_COLORS, updateNote, type Note, type NoteColor } from '../../../shared/schema'
import { CopyField, ErrorText, JoinQr, LanguageSwitch } from '../components'
import type { ShareInfo } from '../shareInfo'
import { useT, type MessageKey } from '../i18n'
import { colorFor } from '../session'
import type { Presence, WorkshopConnection } from '../sync/connection'
import { useRemoteSelector } from '../sync/docHooks'
import { useUi, type Panel } from '../store'
import { DeliverPanel } from './Deliver'
import { ExportPanel } from './ExportPanel'
import { FacilitatorPanel, useOnline } from './FacilitatorPanel'
import { hasTool } from '../../../shared/phases'
import { ImpactEffortPanel } from './ImpactEffort'
import { Presenter } from './Presenter'
import { BoardCanvas } from './canvas/BoardCanvas'
import { NOTE_FILL } from './canvas/shapes'
import { addNoteAt, addNoteInCell, useBoardModel } from './boardModel'
import { authorFor, rememberOwn } from './ownNotes'
import { NoteEditor } from './NoteEditor'
import { NotesList } from './NotesList'
import { PhaseBar } from './PhaseBar'
import { eligibleIds, useActiveRound, useMyVotes, vote, VotingPanel } from './Voting'
import { listRounds, setFlag } from '../../../shared/control'
import { tallyRound } from '../../../shared/tally'
import { useDocSelector } from '../sync/docHooks'
import { PhoneView } from './PhoneView'
import { StructurePanel } from './StructurePanel'

const PHONE_QUERY = '(max-width: 767px)'
const NO_AUTHORS: Record<string, string> = {}

function useIsPhone(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(PHONE_QUERY)
      query.addEventListener('change', onChange)
      return () => query.removeEventListener('change', onChange)
    },
    () => window.matchMedia(PHONE_QUERY).matches,
  )
}

/** (x, y), or a step down and right from it for each note already standing there. */
function freeSpot(layout: BoardLayout, notes: readonly Note[], x: number, y: number): [number, number] {
  let spot: [number, number] = [x, y]
  const taken = notes.map((n) => noteWorldPosition(layout, n))
  for (let i = 0; i < 50 && taken.some((p) => Math.abs(p.x - spot[0]) < 8 && Math.abs(p.y - spot[1]) < 8); i++) spot = [spot[0] + 20, spot[1] + 20]
  return spot
}

/** The board canvas's size in pixels (a sensible default before it is laid out). */
function canvasSize(): { width: number; height: number; present: boolean } {
  const canvas = document.querySelector('[data-testid="board-canvas"]')
  return { width: canvas?.clientWidth ?? 800, height: canvas?.clientHeight ?? 600, present: canvas !== null }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

interface BoardProps {
  connection: WorkshopConnection
  title: string
  /** The facilitator's invitation (join code and links); absent for everyone else. */
  share: ShareInfo | undefined
}

export function Board(props: BoardProps) {
  const generation = useStore(props.connection.state, (s) => s.generation)
  const appName = useT()('appName')
  // The browser tab says which workshop it is.
  useEffect(() => {
    const before = document.title
    document.title = props.title ? `${props.title} · ${appName}` : appName
    return () => {
      document.title = before
    }
  }, [props.title, appName])
  // Documents are replaced after a refusal; everything below starts over with the new ones.
  return <BoardView key={generation} {...props} />
}

function SharePanel({ share }: { share: ShareInfo }) {
  const t = useT()
  return (
    <section className="panel share-panel" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('inviteHeading')}</h2>
      <p className="code big-code" aria-label={t('joinCode')}>
        {t('joinCode')}: <strong>{share.joinCode}</strong>
      </p>
      <JoinQr url={share.joinUrl} />
      <CopyField label={t('joinLink')} value={share.joinUrl} />
      <CopyField label={t('viewerLink')} value={share.viewerUrl} />
    </section>
  )
}

function Participants({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const online = useOnline(connection)
  const { session } = connection
  const roleLabel = (name: string, role: string) => {
    const label = role === 'facilitator' ? t('facilitatorRole') : role === 'viewer' ? t('viewerRole') : ''
    return label && label.toLowerCase() !== name.toLowerCase() ? ` (${label})` : ''
  }
  return (
    <details className="participants">
      <summary aria-label={`${t('participants')}: ${online.length}`}>
        {t('participants')} ({online.length})
      </summary>
      <ul aria-label={t('participants')}>
        {online.map((p) => (
          <li key={p.participantId}>
            <span className="dot" style={{ background: colorFor(p.participantId) }} aria-hidden="true" />
            {p.participantId === session.participantId ? `${session.name} (${t('you')})` : p.name}
            {p.participantId !== session.participantId && roleLabel(p.name, p.role)}
            {p.writing && <em className="writing"> — {t('writingPrivately')}</em>}
          </li>
        ))}
      </ul>
    </details>
  )
}

function StatusIndicator({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const status = useStore(connection.state, (s) => s.status)
  const label = status === 'connected' ? t('statusConnected') : status === 'connecting' ? t('statusConnecting') : t('statusOffline')
  return (
    <p className={`status status-${status}`} role="status" aria-live="polite" data-status={status}>
      <span className="dot" aria-hidden="true" />
      {label}
    </p>
  )
}

function BoardView({ connection, title, share }: BoardProps) {
  const t = useT()
  const board = connection.board.doc
  const control = connection.control.doc
  const { session } = connection
  const model = useBoardModel(board, control, session.role, connection.private?.doc)
  const { layout, notes, canEdit, docs } = model
  const refusal = useStore(connection.state, (s) => s.refusal)
  const fatal = useStore(connection.state, (s) => s.fatal)
  const unsaved = useStore(connection.state, (s) => s.unsaved === true)
  const selection = useUi((s) => s.selection)
  const editingId = useUi((s) => s.editingId)
  const panel = useUi((s) => s.panel)
  const presenting = useUi((s) => s.presenting)
  const isPhone = useIsPhone()
  // Voting on the board: my dots while a round is open; the last round's totals once closed.
  const round = useActiveRound(connection, model.control.activeRoundId)
  const mine = useMyVotes(connection, round?.id)
  const voting = useMemo(() => {
    if (!round) return undefined
    const eligible = eligibleIds(notes, model.clusters, round)
    return {
      eligible,
      mine,
      vote: (noteId: string, delta: 1 | -1) => canEdit && eligible.has(noteId) && vote(connection, round, mine, noteId, delta),
    }
  }, [round, mine, notes, model.clusters, canEdit, connection])
  // Follow me: the facilitator's view, followed until one moves one's own.
  const facilitatorView = useRemoteSelector<Presence, Presence['view'] | undefined>(connection.awareness, (states) =>
    states.find(({ state }) => state.user?.role === 'facilitator' && state.view)?.state.view,
  )
  const followMe = model.control.followMe && session.role !== 'facilitator'
  const following = useUi((s) => s.following)
  useEffect(() => {
    if (followMe) useUi.getState().setFollowing(true)
  }, [followMe])
  useEffect(() => {
    if (!followMe || !following || !facilitatorView) return
    const { width, height, present } = canvasSize()
    if (present) useUi.getState().setViewport(fitViewport(facilitatorView, width, height, 0))
  }, [followMe, following, facilitatorView])
  const lastClosed = useDocSelector(control, (d) => listRounds(d).filter((r) => r.status === 'closed').at(-1))
  const results = useDocSelector(
    board,
    (d) => (!round && lastClosed ? Object.fromEntries(tallyRound(d, lastClosed, eligibleIds(notes, model.clusters, lastClosed)).ranking.map((e) => [e.targetId, e.votes])) : undefined),
    [round, lastClosed, notes, model.clusters],
  )
  const usePhone = isPhone && session.role === 'participant'
  // Develop's matrix, kept at hand in Deliver (choosing the MVP).
  const showImpact = hasTool(model.control.phase, 'impactEffort') || model.control.phase === 'deliver'
  const authors = model.control.anonymous ? NO_AUTHORS : model.people

  const addNoteInView = () => {
    if (!canEdit) return
    const { viewport } = useUi.getState()
    const { width, height } = canvasSize()
    const x = (width / 2 - viewport.x) / viewport.scale
    const y = (height / 2 - viewport.y) / viewport.scale
    // In a cell: the cell's next free tile. Elsewhere: a step aside from notes already there.
    const cell = cellAt(layout, x, y)
    const author = authorFor(session.participantId, model.control.anonymous)
    const id = cell
      ? addNoteInCell(docs.write, board, notes, cell, author, model.control.phase)
      : addNoteAt(docs.write, layout, ...freeSpot(layout, notes, x - LAYOUT.noteWidth / 2, y - LAYOUT.noteHeight / 2), author, model.control.phase)
    rememberOwn(session.workshopId, id)
    useUi.getState().select([id])
    useUi.getState().setEditing(id)
  }

  const zoomBy = (factor: number) => {
    const { width, height } = canvasSize()
    const { viewport, setViewport } = useUi.getState()
    setViewport(zoomAt(viewport, width / 2, height / 2, factor))
  }
  const zoomToFit = () => {
    const { width, height } = canvasSize()
    useUi.getState().setViewport(fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height))
  }
  const deleteSelection = () => {
    if (!canEdit) return
    const ids = useUi.getState().selection
    for (const id of ids) deleteNote(docs.docOf(id), id)
    useUi.getState().clearSelection()
  }
  /** Groups the selected notes (board notes only: private ones are not shared yet) into a cluster. */
  const groupSelection = () => {
    const ids = useUi.getState().selection.filter((id) => !docs.isPrivate(id))
    if (!canEdit || ids.length === 0) return
    const members = notes.filter((n) => ids.includes(n.id))
    const first = members[0] ? noteWorldPosition(layout, members[0]) : { x: 0, y: 0 }
    addCluster(board, { title: t('newCluster'), x: first.x, y: first.y, noteIds: ids })
  }
  const colorSelection = (color: NoteColor) => {
    if (!canEdit) return
    const ids = useUi.getState().selection
    for (const id of ids) updateNote(docs.docOf(id), id, { color })
  }

  // Keyboard shortcuts that work anywhere but in a text field.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey
      if (mod && (e.key === 'z' || e.key === 'Z')) {
        if (isTyping(e.target)) return
        e.preventDefault()
        if (!canEdit) return
        if (e.shiftKey) connection.undo.redo()
        else connection.undo.undo()
        return
      }
      if (mod && (e.key === 'y' || e.key === 'Y') && !isTyping(e.target)) {
        e.preventDefault()
        if (canEdit) connection.undo.redo()
        return
      }
      if (isTyping(e.target) || mod || e.altKey) return
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault()
        addNoteInView()
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !(e.target instanceof HTMLButtonElement && e.target.closest('.notes-panel, .visually-hidden'))) {
        if (useUi.getState().selection.length > 0) {
          e.preventDefault()
          deleteSelection()
        }
      } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault()
        useUi.getState().setPanning(true)
      } else if (e.key === 'Escape') {
        useUi.getState().clearSelection()
      }
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') useUi.getState().setPanning(false)
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
    }
  })

  if (fatal === 'newerVersion')
    return (
      <main className="page">
        <ErrorText message={t('newerVersion')} />
      </main>
    )

  const canvas = (
    <BoardCanvas
      connection={connection}
      docs={docs}
      layout={layout}
      notes={notes}
      emotions={model.emotions}
      canEdit={canEdit}
      phase={model.control.phase}
      voting={voting}
      results={results}
      clusters={model.clusters}
      anonymous={model.control.anonymous}
      authors={authors}
    />
  )

  if (presenting && !usePhone)
    return (
      <Presenter connection={connection} control={model.control} notes={notes} clusters={model.clusters} share={share} title={title}>
        {canvas}
      </Presenter>
    )

  const tab = (name: Exclude<Panel, null>, show: MessageKey, hide: MessageKey) => (
    <button type="button" aria-pressed={panel === name} onClick={() => useUi.getState().setPanel(panel === name ? null : name)}>
      {panel === name ? t(hide) : t(show)}
    </button>
  )

  return (
    <div className="board-page">
      <header className="topbar">
        <h1 className="board-title">{title || t('appName')}</h1>
        <StatusIndicator connection={connection} />
        {!usePhone && (
          <div className="toolbar" role="toolbar" aria-label={t('appName')}>
            <button type="button" onClick={addNoteInView} disabled={!canEdit}>
              {t('addNote')}
            </button>
            <span className="colors" role="group" aria-label={t('color')}>
              {NOTE_COLORS.map((color) => (
                <button
                  key={color}
                  type="button"
                  className="swatch"
                  style={{ background: NOTE_FILL[color] }}
                  aria-label={t('colorOf', { color: t(`colors_${color}` as MessageKey) })}
                  disabled={!canEdit || selection.length === 0}
                  onClick={() => colorSelection(color)}
                />
              ))}
            </span>
            <button type="button" onClick={groupSelection} disabled={!canEdit || selection.length === 0}>
              {t('groupNotes')}
            </button>
            <button type="button" onClick={deleteSelection} disabled={!canEdit || selection.length === 0} aria-label={t('deleteSelected')}>
              {t('delete')}
            </button>
            <button type="button" onClick={() => connection.undo.undo()} disabled={!canEdit} aria-label={t('undo')} aria-keyshortcuts="Control+Z Meta+Z">
              ↶
            </button>
            <button type="button" onClick={() => connection.undo.redo()} disabled={!canEdit} aria-label={t('redo')} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
              ↷
            </button>
            <button type="button" onClick={() => zoomBy(1 / 1.25)} aria-label={t('zoomOut')}>
              −
            </button>
            <button type="button" onClick={() => zoomBy(1.25)} aria-label={t('zoomIn')}>
              +
            </button>
            <button type="button" onClick={zoomToFit}>
              {t('zoomToFit')}
            </button>
            {session.role === 'facilitator' && (
              <button type="button" aria-pressed={model.control.followMe} onClick={() => setFlag(control, 'followMe', !model.control.followMe)}>
                {t('followMe')}
              </button>
            )}
          </div>
        )}
        <Participants connection={connection} />
        <LanguageSwitch />
      </header>
      <PhaseBar control={control} state={model.control} facilitator={session.role === 'facilitator'} />
      {refusal !== undefined && (
        <div className="notice error" role="alert">
          {t('refused', { reason: refusal })}
          <button type="button" onClick={() => connection.dismissRefusal()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {unsaved && (
        <p className="notice error" role="alert">
          {t('notSaved')}
        </p>
      )}
      {session.role === 'viewer' && <p className="notice">{t('viewerNotice')}</p>}
      {model.control.privateMode && session.role !== 'viewer' && (
        <p className="notice" role="status">
          {t('privateBadge')}
        </p>
      )}
      {round && canEdit && !usePhone && <p className="notice">{t('votingHint')}</p>}
      {followMe && !usePhone && (
        <p className="notice" role="status">
          {following ? t('followingFacilitator') : t('notFollowing')}
          <button type="button" onClick={() => useUi.getState().setFollowing(!following)}>
            {following ? t('stopFollowing') : t('followFacilitator')}
          </button>
        </p>
      )}
      {session.role === 'participant' && model.control.locked && (
        <p className="notice" role="status">
          {t('lockedNotice')}
        </p>
      )}
      {usePhone ? (
        <PhoneView connection={connection} model={model} />
      ) : (
        <div className="board-main">
          {canvas}
          {panel === 'structure' && (
            <StructurePanel
              board={board}
              stages={model.stages}
              lanes={model.lanes}
              emotions={model.emotions}
              canEditStructure={session.role === 'facilitator'}
              canEdit={canEdit}
            />
          )}
          {panel === 'share' && share && <SharePanel share={share} />}
          {panel === 'voting' && <VotingPanel connection={connection} notes={notes} clusters={model.clusters} activeRoundId={model.control.activeRoundId} canEdit={canEdit} phase={model.control.phase} />}
          <NotesList docs={docs} layout={layout} notes={notes} clusters={model.clusters} canEdit={canEdit} authors={authors} />
          {panel === 'impact' && showImpact && <ImpactEffortPanel docs={docs} notes={notes} canEdit={canEdit} />}
          {panel === 'deliver' && <DeliverPanel connection={connection} notes={notes} lanes={model.lanes} canEdit={canEdit} />}
          {panel === 'export' && <ExportPanel
              connection={connection}
              title={title}
              layout={layout}
              notes={notes}
              clusters={model.clusters}
              emotions={model.emotions}
              results={results && lastClosed ? { title: lastClosed.title, votes: results } : undefined}
            />}
          {panel === 'facilitate' && session.role === 'facilitator' && <FacilitatorPanel connection={connection} control={model.control} people={model.people} />}
          <nav className="sidetabs" aria-label={t('panels')}>
            {tab('list', 'listView', 'hideListView')}
            {tab('structure', 'structure', 'hideStructure')}
            {tab('voting', 'voting', 'hideVoting')}
            {session.role === 'facilitator' && tab('facilitate', 'facilitate', 'hideFacilitate')}
            {showImpact && tab('impact', 'impactEffort', 'hideImpactEffort')}
            {tab('deliver', 'deliverPanel', 'hideDeliver')}
            {tab('export', 'export', 'hideExport')}
            {share && tab('share', 'invite', 'hideInvite')}
            <button type="button" onClick={() => useUi.getState().setPresenting(true)}>
              {t('presenterView')}
            </button>
          </nav>
          {editingId && canEdit && <NoteEditor key={editingId} connection={connection} doc={docs.docOf(editingId)} layout={layout} noteId={editingId} private={docs.isPrivate(editingId)} />}
        </div>
      )}
    </div>
  )
}
