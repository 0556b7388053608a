/**
 * Voting as the board shows it: while a round is open, which notes (or clusters) take votes, my
 * dots and how to cast one; once closed, the last round's totals by target id.
 */
import { useMemo } from 'react'
import { listRounds } from '../../../shared/voting/round'
import { tallyRound } from '../../../shared/voting/tally'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import type { useBoardModel } from './boardModel'
import { eligibleIds, useActiveRound, useMyVotes, vote } from './Voting'

export function useBoardVoting(connection: WorkshopConnection, model: ReturnType<typeof useBoardModel>) {
  const { notes, clusters, canEdit } = model
  const round = useActiveRound(connection, model.control.activeRoundId)
  const mine = useMyVotes(connection, round?.id)
  const voting = useMemo(() => {
    if (!round) return undefined
    const eligible = eligibleIds(notes, clusters, round)
    return {
      eligible,
      mine,
      vote: (noteId: string, delta: 1 | -1) => canEdit && eligible.has(noteId) && vote(connection, round, mine, noteId, delta),
    }
  }, [round, mine, notes, clusters, canEdit, connection])
  const lastClosed = useDocSelector(connection.control.doc, (d) => listRounds(d).filter((r) => r.status === 'closed').at(-1))
  const results = useDocSelector(
    connection.board.doc,
    (d) => (!round && lastClosed ? Object.fromEntries(tallyRound(d, lastClosed, eligibleIds(notes, clusters, lastClosed)).ranking.map((e) => [e.targetId, e.votes])) : undefined),
    [round, lastClosed, notes, clusters],
  )
  return { round, voting, lastClosed, results }
}
