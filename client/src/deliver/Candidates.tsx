/** What may go on the roadmap: the top-voted ideas, HMW statements and clusters, each promoted with one click. */
import { listRounds } from '../../../shared/voting/round'
import { promote, promotionCandidates, type CandidateKind } from '../../../shared/deliver/promote'
import { plural, useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'

const KIND_LABEL: Record<CandidateKind, MessageKey> = { idea: 'roundKindIdea', hmw: 'roundKindHmw', cluster: 'roundKindCluster' }

export function Candidates({ connection, canEdit }: { connection: WorkshopConnection; canEdit: boolean }) {
  const t = useT()
  const board = connection.board.doc
  // Votes live in the board, rounds in the control document: follow both.
  const rounds = useDocSelector(connection.control.doc, listRounds)
  const candidates = useDocSelector(board, (d) => promotionCandidates(d, connection.control.doc), [rounds])
  return (
    <section aria-labelledby="candidates-heading" className="candidates">
      <h3 id="candidates-heading">{t('promoteHeading')}</h3>
      {candidates.length === 0 ? (
        <p className="hint">{t('noCandidates')}</p>
      ) : (
        <ul>
          {candidates.map((c) => (
            <li key={c.id}>
              <span className="candidate-kind">{t(KIND_LABEL[c.kind])}</span> <span className="candidate-label">{c.label}</span>{' '}
              <span className="muted">
                {/* A cluster's pains were voted on in Define: its votes include theirs, and say so. */}
                {c.noteVotes > 0 ? t('clusterVotes', { total: plural(t, 'votesCount', c.votes), notes: c.noteVotes }) : plural(t, 'votesCount', c.votes)}
              </span>{' '}
              {c.promoted ? (
                <em className="muted">{t('onRoadmap')}</em>
              ) : (
                <button type="button" disabled={!canEdit} aria-label={t('promoteItem', { title: c.label })} onClick={() => promote(board, c, 'later')}>
                  {t('promote')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
