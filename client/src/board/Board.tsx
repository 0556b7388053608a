/**
 * The board screen: top bar (status, toolbar, participants), the phase bar, notices, the canvas
 * or — on a phone — the phone view, and the side panels (list, stages and lanes, voting,
 * facilitation, impact/effort, deliver, export, invite). What the toolbar and keyboard do is in
 * ./boardActions.ts and ./useShortcuts.ts; voting and follow-me in their own hooks.
 */
import { useEffect, useMemo, useState } from 'react'
import { isDataRevealed } from '../../../shared/facilitation/control'
import { useDocSelector } from '../sync/docHooks'
import { metricsRoom } from './canvas/MetricsLane'
import { useStore } from 'zustand'
import { hasTool } from '../../../shared/facilitation/phases'
import { ErrorText, Icon, LanguageSwitch, type IconName } from '../components'
import { DeliverPanel } from '../deliver/DeliverPanel'
import { useT, type MessageKey } from '../i18n'
import type { ShareInfo } from '../shareInfo'
import type { Fatal, WorkshopConnection } from '../sync/connection'
import { useUi, type Panel } from '../store'
import { boardActions } from './boardActions'
import { useBoardModel } from './boardModel'
import { BoardCanvas } from './canvas/BoardCanvas'
import { ExportPanel } from './ExportPanel'
import { FacilitatorPanel } from './FacilitatorPanel'
import { ImpactEffortPanel } from './ImpactEffort'
import { NoteEditor } from './NoteEditor'
import { NotesList } from './NotesList'
import { NotesOverlay } from './notes/NotesOverlay'
import { Participants } from './Participants'
import { PhaseBar } from './PhaseBar'
import { PhoneView } from './PhoneView'
import { Presenter } from './Presenter'
import { SharePanel } from './SharePanel'
import { StatusIndicator } from './StatusIndicator'
import { StructurePanel } from './StructurePanel'
import { Toolbar } from './Toolbar'
import { useIsPhone } from './useIsPhone'
import { useShortcuts } from './useShortcuts'
import { useBoardVoting } from './useBoardVoting'
import { useFollowMe } from './useFollowMe'
import { VotingPanel } from './Voting'
// Issue #12: the data-driven journey (client/src/data/).
import { DataPanel } from '../data/DataPanel'
import { usePendingDepartment } from '../data/department'
import { useDataModel } from '../data/model'
import { SiloLegend, useDataOverlays } from '../data/overlays'
import { useDataDoc } from '../data/useDataDoc'
import { SeriesPanel, SeriesTab } from '../series/SeriesPanel'

const NO_AUTHORS: Record<string, string> = {}

interface BoardProps {
  connection: WorkshopConnection
  title: string
  /** The facilitator's invitation (join code and links); absent for everyone else. */
  share: ShareInfo | undefined
}

interface BoardViewProps extends BoardProps {
  onShareChange(share: ShareInfo): void
}

const FATAL_MESSAGE: Record<Fatal, MessageKey> = {
  newerVersion: 'newerVersion',
  removed: 'removedByFacilitator',
  linkReplaced: 'linkReplaced',
  noAccess: 'noAccess',
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
  // The facilitator may replace the join code and the viewer link; kept across generations.
  const [share, setShare] = useState(props.share)
  // Documents are replaced after a refusal; everything below starts over with the new ones.
  return <BoardView key={generation} {...props} share={share} onShareChange={setShare} />
}

function BoardView({ connection, title, share, onShareChange }: BoardViewProps) {
  const t = useT()
  const board = connection.board.doc
  const control = connection.control.doc
  const { session } = connection
  // The data first (issue #12): with a dataset the layout keeps room under the data lane's notes
  // for its metrics, so that they never cover a note.
  const dataRevealed = useDocSelector(control, isDataRevealed)
  const dataHandle = useDataDoc(session, dataRevealed)
  const data = useDataModel(board, control, dataHandle?.doc)
  const dataRoom = data.active ? metricsRoom(data.active) : undefined
  const model = useBoardModel(board, control, session.role, connection.private?.doc, useMemo(() => (dataRoom === undefined ? undefined : { data: dataRoom }), [dataRoom]))
  const { layout, notes, canEdit, docs } = model
  const refusal = useStore(connection.state, (s) => s.refusal)
  const fatal = useStore(connection.state, (s) => s.fatal)
  const unsaved = useStore(connection.state, (s) => s.unsaved === true)
  const editingId = useUi((s) => s.editingId)
  const panel = useUi((s) => s.panel)
  const presenting = useUi((s) => s.presenting)
  const isPhone = useIsPhone()
  // Voting on the board: my dots while a round is open; the last round's totals once closed.
  const { round, voting, lastClosed, results } = useBoardVoting(connection, model)
  const { followMe, following } = useFollowMe(connection, model.control.followMe)
  const usePhone = isPhone && session.role === 'participant'
  // Develop's matrix, kept at hand in Deliver (choosing the MVP).
  const showImpact = hasTool(model.control.phase, 'impactEffort') || model.control.phase === 'deliver'
  const authors = model.control.anonymous ? NO_AUTHORS : model.people

  const dataOverlays = useDataOverlays(layout, data)
  usePendingDepartment(connection)

  const actions = boardActions(board, session, model, t, connection.undo)
  useShortcuts(connection, canEdit, actions)

  if (fatal !== undefined)
    return (
      <main className="page">
        <h1>{title || t('appName')}</h1>
        <ErrorText message={t(FATAL_MESSAGE[fatal])} />
        <p>
          <a href="/">{t('goHome')}</a>
        </p>
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
      overlays={dataOverlays}
    />
  )

  if (presenting && !usePhone)
    return (
      <Presenter connection={connection} control={model.control} notes={notes} clusters={model.clusters} share={share} title={title}>
        {canvas}
      </Presenter>
    )

  const tab = (name: Exclude<Panel, null>, show: MessageKey, hide: MessageKey, icon: IconName) => (
    <button type="button" className="sidetab" aria-pressed={panel === name} title={panel === name ? t(hide) : t(show)} onClick={() => useUi.getState().setPanel(panel === name ? null : name)}>
      <Icon name={icon} />
      <span>{panel === name ? t(hide) : t(show)}</span>
    </button>
  )

  return (
    <div className="board-page">
      <header className="topbar">
        <h1 className="board-title" title={title || undefined}>{title || t('appName')}</h1>
        <StatusIndicator connection={connection} />
        {!usePhone && (
          <Toolbar connection={connection} control={control} canEdit={canEdit} followMe={model.control.followMe} actions={actions} dataLane={dataRoom !== undefined && layout.rows.some((r) => r.kind === 'data') ? dataRoom : undefined} />
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
        <PhoneView connection={connection} model={model}>
          <DataPanel connection={connection} dataDoc={dataHandle?.doc} data={data} notes={notes} lanes={model.lanes} stages={model.stages} canEdit={canEdit} />
        </PhoneView>
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
          {panel === 'share' && share && <SharePanel connection={connection} share={share} onShareChange={onShareChange} />}
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
          {panel === 'data' && <DataPanel connection={connection} dataDoc={dataHandle?.doc} data={data} notes={notes} lanes={model.lanes} stages={model.stages} canEdit={canEdit} />}
          <SiloLegend departments={data.departments} />
          {panel === 'facilitate' && session.role === 'facilitator' && <FacilitatorPanel connection={connection} control={model.control} people={model.people} />}
          {panel === 'series' && session.role === 'facilitator' && <SeriesPanel connection={connection} />}
          <nav className="sidetabs" aria-label={t('panels')}>
            {tab('list', 'listView', 'hideListView', 'list')}
            {tab('structure', 'structure', 'hideStructure', 'grid')}
            {tab('voting', 'voting', 'hideVoting', 'vote')}
            {session.role === 'facilitator' && tab('facilitate', 'facilitate', 'hideFacilitate', 'flag')}
            {tab('data', 'dataPanel', 'hideDataPanel', 'matrix')}
            {showImpact && tab('impact', 'impactEffort', 'hideImpactEffort', 'matrix')}
            {tab('deliver', 'deliverPanel', 'hideDeliver', 'roadmap')}
            {tab('export', 'export', 'hideExport', 'download')}
            {share && tab('share', 'invite', 'hideInvite', 'invite')}
            {session.role === 'facilitator' && <SeriesTab />}
            <button type="button" className="sidetab present" title={t('presenterView')} onClick={() => useUi.getState().setPresenting(true)}>
              <Icon name="present" />
              <span>{t('presenterView')}</span>
            </button>
          </nav>
          <NotesOverlay connection={connection} docs={docs} notes={notes} clusters={model.clusters} canEdit={canEdit} actions={actions} />
          {editingId && canEdit && <NoteEditor key={editingId} connection={connection} doc={docs.docOf(editingId)} layout={layout} noteId={editingId} private={docs.isPrivate(editingId)} />}
        </div>
      )}
    </div>
  )
}
