/**
 * The facilitator's panel: who is online and what they are doing, how far each voting round
 * is (votes cast, who has used all their votes, who is still voting), and the presenter view.
 * The anonymous, private-writing and lock switches are together in the phase bar.
 */
import { useMemo } from 'react'
import type { ControlState } from '../../../shared/facilitation/control'
import { closeRound, listRounds, type Round } from '../../../shared/voting/round'
import { tallyRound } from '../../../shared/voting/tally'
import { plural, useT } from '../i18n'
import { presenceName, type Presence, type WorkshopConnection } from '../sync/connection'
import { useDocSelector, useRemoteStates } from '../sync/docHooks'
import { useUi } from '../store'

interface Online {
  participantId: string
  name: string
  role: string
  writing: boolean
}

/** Everyone online, once per participant (a person may have several tabs open), me first. */
export function useOnline(connection: WorkshopConnection): Online[] {
  const t = useT()
  const remote = useRemoteStates<Presence>(connection.awareness)
  const { session } = connection
  return useMemo(() => {
    const byId = new Map<string, Online>()
    byId.set(session.participantId, { participantId: session.participantId, name: session.name, role: session.role, writing: false })
    for (const { state } of remote) {
      if (!state.user || typeof state.user.participantId !== 'string') continue
      const known = byId.get(state.user.participantId)
      byId.set(state.user.participantId, {
        participantId: state.user.participantId,
        name: known?.name || presenceName(state.user, (role) => t(role === 'facilitator' ? 'facilitatorRole' : 'viewerRole')),
        role: state.user.role,
        writing: (known?.writing ?? false) || state.writing === true,
      })
    }
    return [...byId.values()].sort((a, b) => (a.participantId === session.participantId ? -1 : b.participantId === session.participantId ? 1 : a.name.localeCompare(b.name)))
  }, [remote, session, t])
}

function RoundProgress({ connection, round, online, people }: { connection: WorkshopConnection; round: Round; online: Online[]; people: Record<string, string> }) {
  const t = useT()
  const used = useDocSelector(connection.board.doc, (d) => Object.fromEntries(tallyRound(d, round).usedByParticipant), [round])
  const cast = Object.values(used).reduce((a, b) => a + b, 0)
  const nameOf = (id: string) => people[id] ?? online.find((o) => o.participantId === id)?.name ?? t('someone')
  const finished = Object.entries(used)
    .filter(([, n]) => n >= round.votesPerPerson)
    .map(([id]) => nameOf(id))
    .sort()
  // Online participants (not viewers, not the facilitator) who have votes left.
  const waiting = online.filter((o) => o.role === 'participant' && (used[o.participantId] ?? 0) < round.votesPerPerson)
  return (
    <li className="round-progress">
      <h4>
        {round.title} — {round.status === 'open' ? t('roundOpen') : t('roundClosed')}
      </h4>
      <p>
        {plural(t, 'votesCast', cast)}, {plural(t, 'votersCount', Object.keys(used).length)}
      </p>
      <p>
        {t('finishedVoting')}: {finished.length > 0 ? finished.join(', ') : t('nobodyYet')}
      </p>
      {round.status === 'open' && (
        <p>
          {t('stillVoting')}: {waiting.length > 0 ? waiting.map((o) => `${o.name} (${used[o.participantId] ?? 0}/${round.votesPerPerson})`).join(', ') : t('nobody')}
        </p>
      )}
      {round.status === 'open' && (
        <button type="button" onClick={() => closeRound(connection.control.doc, round.id)}>
          {t('closeRound')}
        </button>
      )}
    </li>
  )
}

/** `control` is accepted for the board's call; the switches live in the phase bar (PhaseBar.tsx), side by side. */
export function FacilitatorPanel({ connection, people }: { connection: WorkshopConnection; control: ControlState; people: Record<string, string> }) {
  const t = useT()
  const online = useOnline(connection)
  const rounds = useDocSelector(connection.control.doc, listRounds)
  const roleLabel = (role: string) => (role === 'facilitator' ? t('facilitatorRole') : role === 'viewer' ? t('viewerRole') : t('participantRole'))
  return (
    <section className="panel facilitator-panel" aria-labelledby="facilitate-heading">
      <h2 id="facilitate-heading">{t('facilitate')}</h2>
      <div className="switches">
        <button type="button" onClick={() => useUi.getState().setPresenting(true)}>
          {t('presenterView')}
        </button>
      </div>
      <h3 id="online-heading">{t('onlineNow', { count: online.length })}</h3>
      <ul aria-labelledby="online-heading" className="online">
        {online.map((o) => (
          <li key={o.participantId}>
            {o.name || t('someone')} <span className="muted">({o.participantId === connection.session.participantId ? t('you') : roleLabel(o.role)})</span>
            {o.writing && <em className="writing"> — {t('writingPrivately')}</em>}
          </li>
        ))}
      </ul>
      <h3 id="rounds-heading">{t('votingRounds')}</h3>
      {rounds.length === 0 ? (
        <p>{t('noRoundsYet')}</p>
      ) : (
        <ul aria-labelledby="rounds-heading" className="rounds">
          {[...rounds].reverse().map((round) => (
            <RoundProgress key={round.id} connection={connection} round={round} online={online} people={people} />
          ))}
        </ul>
      )}
    </section>
  )
}
