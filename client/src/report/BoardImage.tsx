/**
 * The board as a picture in the report: the PNG export (../board/png.ts) drawn from the same
 * exported workshop, with the last closed round's counts as badges, shown as an image (a blob
 * URL, which the page's CSP allows). It prints on a landscape page of its own.
 */
import { useEffect, useState } from 'react'
import { boardLayout } from '../../../shared/board/layout'
import type { WorkshopJson } from '../../../shared/workshop-file/format'
import { voteTotals } from '../../../shared/voting/tally'
import { boardToPng } from '../board/png'
import { useT } from '../i18n'
import { Section } from './Section'

type Picture = { kind: 'drawing' } | { kind: 'ready'; url: string } | { kind: 'failed'; reason: string }

export function BoardImage({ json, title }: { json: WorkshopJson; title: string }) {
  const t = useT()
  const [picture, setPicture] = useState<Picture>({ kind: 'drawing' })
  useEffect(() => {
    let live = true
    let url: string | undefined
    // Stages and lanes only: boardToPng lays the notes out itself (doing it here too cost a
    // second layout of every note, before the page had painted).
    const layout = boardLayout(json.stages, json.lanes)
    const lastClosed = json.rounds.filter((round) => round.status === 'closed').at(-1)
    // The last closed round's counts, under its limits, as the board shows them once it closed.
    const results = lastClosed ? { title: lastClosed.title, votes: Object.fromEntries(voteTotals({ votes: json.votes, rounds: [lastClosed] }, lastClosed.targetKind)) } : undefined
    boardToPng({ layout, notes: json.notes, clusters: json.clusters, emotions: json.emotions, title, results }).then(
      (blob) => {
        if (!live) return
        url = URL.createObjectURL(blob)
        setPicture({ kind: 'ready', url })
      },
      (error: unknown) => {
        if (live) setPicture({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [json, title])
  return (
    <Section id="board" title={t('reportBoard')} className="report-board">
      {picture.kind === 'ready' ? (
        <img className="report-board-image" src={picture.url} alt={t('reportBoardAlt')} />
      ) : picture.kind === 'failed' ? (
        <p className="report-muted">{t('reportBoardFailed', { reason: picture.reason })}</p>
      ) : (
        <p className="report-muted" role="status">
          {t('reportBoardLoading')}
        </p>
      )}
    </Section>
  )
}
