/**
 * Dot voting. The facilitator opens a round on a kind of item with votes per person and a
 * maximum per item, and closes it. While it is open everyone adds and removes their own dots
 * (here, or by clicking notes on the board) and sees only their own; once closed, the ranked
 * results show for all. The tally (shared/voting/tally.ts) ignores whatever exceeds the limits.
 */
import { useState, type FormEvent } from 'react'
import {
  closeRound,
  DEFAULT_MAX_PER_TARGET,
  DEFAULT_VOTES_PER_PERSON,
  listRounds,
  MAX_VOTES_PER_PERSON,
  openRound,
  readRound,
  ROUND_TARGET_KINDS,
  type Round,
  type RoundTargetKind,
} from '../../../shared/voting/round'
import { votableKinds, voteTargets } from '../../../shared/facilitation/phases'
import type { Cluster } from '../../../shared/board/cluster'
import type { Note } from '../../../shared/board/note'
import type { Phase } from '../../../shared/facilitation/phase-names'
import { readVotes, setVote } from '../../../shared/voting/vote'
import { countableVotes, tallyRound, votesByDepartment } from '../../../shared/voting/tally'
import { readPersonDepartments } from '../../../shared/board/person'
import { readDepartments } from '../../../shared/facilitation/control'
import { plural, useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'

/** The ids a round's votes may go to (notes of its kinds, or clusters). */
export function eligibleIds(notes: readonly Note[], clusters: readonly Cluster[], round: Round): Set<string> {
  return new Set(voteTargets(notes, clusters, round.targetKind).map((target) => target.id))
}

/** The active round, if one is open. */
export function useActiveRound(connection: WorkshopConnection, activeRoundId: string | undefined): Round | undefined {
  const round = useDocSelector(connection.control.doc, (d) => (activeRoundId ? readRound(d, activeRoundId) : undefined), [activeRoundId])
  return round?.status === 'open' ? round : undefined
}

/** My dots in a round, by note id. */
export function useMyVotes(connection: WorkshopConnection, roundId: string | undefined): Record<string, number> {
  const me = connection.session.participantId
  return useDocSelector(connection.board.doc, (d) => (roundId ? Object.fromEntries(readVotes(d, roundId, me)) : {}), [roundId, me])
}

export function votesLeft(round: Round, mine: Record<string, number>): number {
  const used = [...countableVotes(Object.entries(mine), round).values()].reduce((a, b) => a + b, 0)
  return Math.max(0, round.votesPerPerson - used)
}

/** Adds (+1) or removes (−1) one of my dots on a note, within the round's limits. */
export function vote(connection: WorkshopConnection, round: Round, mine: Record<string, number>, noteId: string, delta: 1 | -1): boolean {
  const count = mine[noteId] ?? 0
  if (delta > 0 && (votesLeft(round, mine) === 0 || count >= round.maxPerTarget)) return false
  if (delta < 0 && count === 0) return false
  setVote(connection.board.doc, round.id, connection.session.participantId, noteId, count + delta)
  return true
}

const KIND_LABEL: Record<RoundTargetKind, MessageKey> = {
  note: 'roundKindNote',
  pain: 'roundKindPain',
  hmw: 'roundKindHmw',
  idea: 'roundKindIdea',
  cluster: 'roundKindCluster',
}

function NewRoundForm({ connection, phase }: { connection: WorkshopConnection; phase: Phase }) {
  const t = useT()
  // What this phase votes on comes first (Define: pains, Develop: ideas); any kind may be chosen.
  const phaseKind = votableKinds(phase)[0] ?? 'pain'
  const [chosen, setKind] = useState<RoundTargetKind | undefined>(undefined)
  const kind = chosen ?? phaseKind
  const [perPerson, setPerPerson] = useState(String(DEFAULT_VOTES_PER_PERSON))
  const [perItem, setPerItem] = useState(String(DEFAULT_MAX_PER_TARGET))
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    openRound(connection.control.doc, {
      title: t(KIND_LABEL[kind]),
      targetKind: kind,
      votesPerPerson: Number(perPerson) || DEFAULT_VOTES_PER_PERSON,
      maxPerTarget: Number(perItem) || DEFAULT_MAX_PER_TARGET,
    })
  }
  return (
    <form onSubmit={onSubmit} className="round-form">
      <label>
        {t('voteOn')}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as RoundTargetKind)}>
          {ROUND_TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('votesPerPerson')}
        <input type="number" min={1} max={MAX_VOTES_PER_PERSON} value={perPerson} onChange={(e) => setPerPerson(e.currentTarget.value)} />
      </label>
      <label>
        {t('maxPerItem')}
        <input type="number" min={1} max={MAX_VOTES_PER_PERSON} value={perItem} onChange={(e) => setPerItem(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('newRound')}</button>
    </form>
  )
}

/** A closed round's ranking, with each item's label. */
export function useRanking(connection: WorkshopConnection, round: Round, notes: readonly Note[], clusters: readonly Cluster[]) {
  const targets = voteTargets(notes, clusters, round.targetKind)
  const ids = new Set(targets.map((target) => target.id))
  const ranking = useDocSelector(connection.board.doc, (d) => tallyRound(d, round, ids).ranking, [round, [...ids].join()])
  const labels = new Map(targets.map((target) => [target.id, target.label.trim()]))
  const departments = useDocSelector(connection.control.doc, readDepartments)
  // Per item, its dots by the voters' departments (issue #12), most first, ties in the list's order.
  const byDepartment = useDocSelector(
    connection.board.doc,
    (d) => {
      const split = votesByDepartment(d, round, readPersonDepartments(d, departments), ids)
      const order = (department: string) => (department === '' ? departments.length : departments.indexOf(department))
      return Object.fromEntries([...split].map(([targetId, counts]) => [targetId, [...counts].sort(([a, m], [b, n]) => n - m || order(a) - order(b))]))
    },
    [round, [...ids].join(), departments.join('\n')],
  )
  return ranking.map((entry) => ({ ...entry, label: labels.get(entry.targetId) ?? '', departments: byDepartment[entry.targetId] ?? [] }))
}

function Results({ connection, round, notes, clusters }: { connection: WorkshopConnection; round: Round; notes: readonly Note[]; clusters: readonly Cluster[] }) {
  const t = useT()
  const ranking = useRanking(connection, round, notes, clusters)
  return (
    <section aria-label={t('resultsOf', { title: round.title })}>
      <h3>{t('resultsOf', { title: round.title })}</h3>
      {ranking.length === 0 ? (
        <p>{t('noVotes')}</p>
      ) : (
        <ol className="results">
          {ranking.map((entry) => (
            <li key={entry.targetId}>
              <span>{entry.label || t('emptyNote')}</span> <strong>{plural(t, 'votesCount', entry.votes)}</strong>
              {entry.departments.some(([department]) => department !== '') && (
                <span className="results-departments">
                  {' '}
                  {t('votesByDepartment', { list: entry.departments.map(([department, n]) => `${department || t('noDepartment')} ${n}`).join(', ') })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** One line per item of the round: my dots, with buttons to add and take back one. */
export function VoteList({
  connection,
  round,
  mine,
  notes,
  clusters,
  canEdit,
}: {
  connection: WorkshopConnection
  round: Round
  mine: Record<string, number>
  notes: readonly Note[]
  clusters: readonly Cluster[]
  canEdit: boolean
}) {
  const t = useT()
  const left = votesLeft(round, mine)
  return (
    <ul className="vote-list">
      {voteTargets(notes, clusters, round.targetKind).map((note) => {
        const count = mine[note.id] ?? 0
        const label = note.label.trim() || t('emptyNote')
        return (
          <li key={note.id}>
            <span className="vote-text">{label}</span>
            <button type="button" aria-label={t('removeVote', { text: label })} disabled={!canEdit || count === 0} onClick={() => vote(connection, round, mine, note.id, -1)}>
              −
            </button>
            <span aria-label={t('myDots', { count })}>{'●'.repeat(count) || '○'}</span>
            <button type="button" aria-label={t('addVote', { text: label })} disabled={!canEdit || left === 0 || count >= round.maxPerTarget} onClick={() => vote(connection, round, mine, note.id, 1)}>
              +
            </button>
          </li>
        )
      })}
    </ul>
  )
}

export function VotingPanel({
  connection,
  notes,
  clusters,
  activeRoundId,
  canEdit,
  phase,
}: {
  connection: WorkshopConnection
  notes: readonly Note[]
  clusters: readonly Cluster[]
  activeRoundId: string | undefined
  canEdit: boolean
  phase: Phase
}) {
  const t = useT()
  const facilitator = connection.session.role === 'facilitator'
  const round = useActiveRound(connection, activeRoundId)
  const mine = useMyVotes(connection, round?.id)
  const rounds = useDocSelector(connection.control.doc, listRounds)
  const closed = rounds.filter((r) => r.status === 'closed').reverse()
  const used = useDocSelector(connection.board.doc, (d) => (round ? Object.fromEntries(tallyRound(d, round).usedByParticipant) : {}), [round])
  return (
    <section className="panel voting-panel" aria-labelledby="voting-heading">
      <h2 id="voting-heading">{t('voting')}</h2>
      {round ? (
        <>
          <p role="status">
            {round.title}: {plural(t, 'votesLeft', votesLeft(round, mine))}
          </p>
          {facilitator && (
            <p>
              {t('votersSoFar', { count: Object.keys(used).length, done: Object.values(used).filter((n) => n >= round.votesPerPerson).length })}{' '}
              <button type="button" onClick={() => closeRound(connection.control.doc, round.id)}>
                {t('closeRound')}
              </button>
            </p>
          )}
          <VoteList connection={connection} round={round} mine={mine} notes={notes} clusters={clusters} canEdit={canEdit} />
        </>
      ) : (
        <p>{t('noRound')}</p>
      )}
      {facilitator && !round && <NewRoundForm connection={connection} phase={phase} />}
      {closed.map((r) => (
        <Results key={r.id} connection={connection} round={r} notes={notes} clusters={clusters} />
      ))}
    </section>
  )
}
