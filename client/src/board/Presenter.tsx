/**
 * The presenter view, for the projector in a live session: the board full screen with the
 * phase and its instruction, the timer, the join code and QR code, and the voting results, all
 * in large type. Escape or the exit button leaves it.
 */
import { useEffect, type ReactNode } from 'react'
import type { ControlState } from '../../../shared/facilitation/control'
import { listRounds } from '../../../shared/voting/round'
import { PHASE_INFO } from '../../../shared/facilitation/phases'
import type { Cluster } from '../../../shared/board/cluster'
import type { Note } from '../../../shared/board/note'
import { tallyRound } from '../../../shared/voting/tally'
import { JoinQr } from '../components'
import { plural, useT } from '../i18n'
import type { ShareInfo } from '../shareInfo'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { useUi } from '../store'
import { Timer } from './Timer'
import { useActiveRound, useRanking } from './Voting'

function leave(): void {
  useUi.getState().setPresenting(false)
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
}

function ClosedResults({ connection, round, notes, clusters }: { connection: WorkshopConnection; round: ReturnType<typeof listRounds>[number]; notes: readonly Note[]; clusters: readonly Cluster[] }) {
  const t = useT()
  const ranking = useRanking(connection, round, notes, clusters).slice(0, 7)
  return (
    <>
      <h2>{t('resultsOf', { title: round.title })}</h2>
      {ranking.length === 0 ? (
        <p>{t('noVotes')}</p>
      ) : (
        <ol className="presenter-ranking">
          {ranking.map((entry) => (
            <li key={entry.targetId}>
              <span className="label">{entry.label || t('emptyNote')}</span> <strong>{plural(t, 'votesCount', entry.votes)}</strong>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

function PresenterResults({ connection, control, notes, clusters }: { connection: WorkshopConnection; control: ControlState; notes: readonly Note[]; clusters: readonly Cluster[] }) {
  const t = useT()
  const round = useActiveRound(connection, control.activeRoundId)
  const used = useDocSelector(connection.board.doc, (d) => (round ? [...tallyRound(d, round).usedByParticipant.values()] : []), [round])
  const lastClosed = useDocSelector(connection.control.doc, (d) => listRounds(d).filter((r) => r.status === 'closed').at(-1))
  if (round)
    return (
      <>
        <h2>{t('votingOn', { title: round.title })}</h2>
        <p className="presenter-big">{plural(t, 'votersCount', used.length)}</p>
        <p>{plural(t, 'votesCast', used.reduce((a, b) => a + b, 0))}</p>
      </>
    )
  if (lastClosed) return <ClosedResults connection={connection} round={lastClosed} notes={notes} clusters={clusters} />
  return <p>{t('noRoundsYet')}</p>
}

export function Presenter({
  connection,
  control,
  notes,
  clusters,
  share,
  title,
  children,
}: {
  connection: WorkshopConnection
  control: ControlState
  notes: readonly Note[]
  clusters: readonly Cluster[]
  share: ShareInfo | undefined
  title: string
  /** The board canvas. */
  children: ReactNode
}) {
  const t = useT()
  const info = PHASE_INFO[control.phase]
  useEffect(() => {
    // Full screen where the browser allows it (it needs the click that opened this view).
    void document.documentElement.requestFullscreen?.().catch(() => undefined)
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') leave()
    }
    const onFullscreen = () => {
      // Leaving full screen with the browser's own key leaves the presenter view too.
      if (!document.fullscreenElement) useUi.getState().setPresenting(false)
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('fullscreenchange', onFullscreen)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('fullscreenchange', onFullscreen)
    }
  }, [])
  return (
    <div className="presenter" role="region" aria-label={t('presenterView')}>
      <header className="presenter-top">
        <div className="presenter-phase">
          <p className="presenter-title">{title}</p>
          <h1>{t(info.titleKey)}</h1>
          <p className="presenter-instruction">{t(info.instructionKey)}</p>
        </div>
        <Timer control={connection.control.doc} state={control} facilitator={false} big />
        {share && (
          <div className="presenter-join" aria-label={t('joinCode')}>
            <p>
              {t('joinAt', { host: window.location.host })}
              <br />
              <strong className="presenter-code">{share.joinCode}</strong>
            </p>
            <JoinQr url={share.joinUrl} />
          </div>
        )}
        <button type="button" className="presenter-exit" onClick={leave}>
          {t('exitPresenter')}
        </button>
      </header>
      <div className="presenter-main">
        {children}
        <aside className="presenter-results" aria-label={t('voting')}>
          <PresenterResults connection={connection} control={control} notes={notes} clusters={clusters} />
        </aside>
      </div>
    </div>
  )
}
