/**
 * The printable report of a workshop (`/w/:id/report`): the same sections as the Markdown
 * export (shared/export/markdown.ts) — scope, the journey as stages × lanes with the emotion
 * per stage, top pains, clusters, "How might we", ideas, MVP, roadmap, user stories — drawn
 * from the `json` export with React, so everything a person typed is text, never markup.
 * "Print / Save as PDF" hands it to the browser; report.css lays it out for A4 paper.
 */
import { storySentence } from '../../../shared/workshop-file/report'
import { useEffect, useState, type ReactNode } from 'react'
import type { RoundTargetKind } from '../../../shared/voting/round'

import { roundCountsFor, voteTotals } from '../../../shared/voting/tally'
import type { WorkshopJson } from '../../../shared/workshop-file/format'
import { parseWorkshopJson } from '../../../shared/workshop-file/from-json'
import type { Note } from '../../../shared/board/note'
import type { RoadmapColumn, RoadmapItem } from '../../../shared/deliver/roadmap'
import type { Priority, Story } from '../../../shared/deliver/story'
import { api, ApiError } from '../api'
import { NOTE_FILL } from '../board/canvas/shapes'
import { ErrorText, LanguageSwitch } from '../components'
import { plural, useLocale, useT, type Locale, type MessageKey, type Translate } from '../i18n'
import { readSession, takeFragment } from '../session'
import '../report.css'

type State =
  | { kind: 'loading' }
  | { kind: 'noSession' }
  /** `reason` null: the server could not be reached. */
  | { kind: 'failed'; reason: string | null }
  | { kind: 'ready'; json: WorkshopJson; at: number }

/** `#token=…` in the address, read without touching it (so that it is pure). */
function fragmentToken(): string | undefined {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? undefined
}

export function Report({ workshopId }: { workshopId: string }) {
  const t = useT()
  const [state, setState] = useState<State>({ kind: 'loading' })
  // A report link (`/w/<id>/report#token=…`) works on its own, in a browser that never opened
  // the board; without one, the session kept by the board is used.
  const [linkToken] = useState(fragmentToken)

  useEffect(() => {
    // The token leaves the address bar (and the history) once read.
    if (window.location.hash) takeFragment()
    const token = linkToken ?? readSession(workshopId)?.token
    if (!token) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the session comes from localStorage, outside React
      setState({ kind: 'noSession' })
      return
    }
    let live = true
    setState({ kind: 'loading' })
    api.exportJson(workshopId, token).then(
      (raw) => {
        if (!live) return
        const parsed = parseWorkshopJson(raw)
        setState(parsed.ok ? { kind: 'ready', json: parsed.value, at: Date.now() } : { kind: 'failed', reason: parsed.error })
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', reason: error instanceof ApiError && error.status !== 0 ? error.message : null })
      },
    )
    return () => {
      live = false
    }
  }, [workshopId, linkToken])

  // The PDF a browser saves is named after the page's title.
  const pageTitle = state.kind === 'ready' ? `${workshopTitle(t, state.json)} — ${t('appName')}` : undefined
  useEffect(() => {
    if (pageTitle === undefined) return
    const before = document.title
    document.title = pageTitle
    return () => {
      document.title = before
    }
  }, [pageTitle])

  const board = `/w/${encodeURIComponent(workshopId)}`
  if (state.kind === 'loading') {
    return (
      <main className="page" aria-busy="true">
        <p role="status">{t('reportLoading')}</p>
      </main>
    )
  }
  if (state.kind !== 'ready') {
    return (
      <main className="page">
        <h1>{t('appName')}</h1>
        <ErrorText message={state.kind === 'noSession' ? t('reportNoSession') : t('reportFailed', { reason: state.reason ?? t('serverError') })} />
        <p className="report-links">
          <a href={board}>{t('reportBackToBoard')}</a> <a href="/">{t('goHome')}</a>
        </p>
      </main>
    )
  }
  return <ReportView json={state.json} at={state.at} boardHref={board} />
}

// ---------------------------------------------------------------------------------------------
// What the sections show, worked out from the export (the same rules as the Markdown report).

const COLUMNS: readonly { id: RoadmapColumn; label: MessageKey }[] = [
  { id: 'now', label: 'reportNow' },
  { id: 'next', label: 'reportNext' },
  { id: 'later', label: 'reportLater' },
]
const COLUMN_LABEL: Record<RoadmapColumn, MessageKey> = { now: 'reportNow', next: 'reportNext', later: 'reportLater' }
const PRIORITY_LABEL: Record<Priority, MessageKey> = { must: 'reportMust', should: 'reportShould', could: 'reportCould', wont: 'reportWont' }

function workshopTitle(t: Translate, json: WorkshopJson): string {
  return json.meta.title.trim() === '' ? t('reportUntitled') : json.meta.title
}

interface Ranked {
  note: Note
  votes: number
}

/** Items by votes (most first), ties in board order. */
function byVotes<T extends { id: string }>(items: readonly T[], totals: Map<string, number>): { item: T; votes: number }[] {
  return items
    .map((item, index) => ({ item, votes: totals.get(item.id) ?? 0, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
}

function rankedNotes(json: WorkshopJson, kind: 'pain' | 'idea' | 'hmw'): Ranked[] {
  const notes = json.notes.filter((note) => note.kind === kind)
  const totals = voteTotals(json, kind, new Set(notes.map((n) => n.id)), new Set(json.notes.map((n) => n.id)))
  return byVotes(notes, totals).map(({ item, votes }) => ({ note: item, votes }))
}

function emotionLabel(value: number | undefined): string {
  if (value === undefined) return ''
  const rounded = Math.round(value * 100) / 100
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0'
}

/** "As a claimant, I want …, so that …." — the Markdown report's sentence in English. */
function storyLine(t: Translate, locale: Locale, story: Story): string {
  if (locale === 'en') return storySentence(story)
  // "Als klant wil ik …, zodat …": no comma between the role and the wish.
  const one = (value: string) => value.replace(/\s+/g, ' ').trim()
  const role = one(story.asA)
  const want = one(story.iWant)
  const why = one(story.soThat).replace(/[.!]+$/, '')
  const head = [role && t('reportStoryAs', { role }), want && t('reportStoryWant', { want })].filter((part) => part).join(' ')
  const parts = [head, why && t('reportStorySoThat', { why })].filter((part) => part)
  return parts.length === 0 ? '' : `${parts.join(', ')}.`
}

// ---------------------------------------------------------------------------------------------
// The page.

function ReportView({ json, at, boardHref }: { json: WorkshopJson; at: number; boardHref: string }) {
  const t = useT()
  const locale = useLocale((s) => s.locale)
  const stageTitle = new Map(json.stages.map((s) => [s.id, s.title]))
  const laneTitle = new Map(json.lanes.map((l) => [l.id, l.title]))
  const inCell = (note: Note) =>
    note.stageId !== undefined && note.laneId !== undefined && stageTitle.has(note.stageId) && laneTitle.has(note.laneId)
  const where = (note: Note) =>
    [note.stageId && stageTitle.get(note.stageId), note.laneId && laneTitle.get(note.laneId)].filter((part) => part).join(' / ')
  const hasRound = (kind: RoundTargetKind) => json.rounds.some((round) => roundCountsFor(round.targetKind, kind))
  const others = json.notes.filter((note) => note.kind === 'note' && !inCell(note) && note.clusterId === undefined)
  const generated = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(at)

  return (
    <main className="report">
      <nav className="report-actions" aria-label={t('reportActions')}>
        <button type="button" onClick={() => window.print()}>
          {t('reportPrint')}
        </button>
        <a href={boardHref}>{t('reportBackToBoard')}</a>
        <LanguageSwitch />
      </nav>
      <p className="report-hint">{t('reportPrintHint')}</p>
      <header className="report-header">
        <h1>{workshopTitle(t, json)}</h1>
        <p className="report-generated">{t('reportGenerated', { date: generated })}</p>
      </header>

      <Section id="scope" title={t('reportScope')}>
        <dl className="report-scope">
          {(
            [
              ['reportPersona', json.meta.persona],
              ['reportJourneyStart', json.meta.journeyStart],
              ['reportJourneyEnd', json.meta.journeyEnd],
              ['reportGoal', json.meta.goal],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value.trim() === '' ? <em className="report-muted">{t('reportNotSet')}</em> : value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Journey json={json} inCell={inCell} />

      <RankedTable
        id="pains"
        title={t('reportTopPains')}
        empty={t('reportNoPains')}
        what={t('reportPain')}
        rows={rankedNotes(json, 'pain')}
        where={where}
      />

      <Section id="clusters" title={t('reportClusters')}>
        {json.clusters.length === 0 ? (
          <Empty>{t('reportNoClusters')}</Empty>
        ) : (
          byVotes(json.clusters, voteTotals(json, 'cluster', new Set(json.clusters.map((c) => c.id)))).map(({ item: cluster, votes }) => {
            const members = json.notes.filter((note) => note.clusterId === cluster.id)
            return (
              <div key={cluster.id} className="report-cluster">
                <h3>
                  {cluster.title.trim() === '' ? t('reportUntitledCluster') : cluster.title}
                  {hasRound('cluster') && <span className="report-votes"> ({plural(t, 'votesCount', votes)})</span>}
                </h3>
                {members.length === 0 ? (
                  <Empty>{t('reportNoClusterNotes')}</Empty>
                ) : (
                  <ul>
                    {members.map((note) => (
                      <li key={note.id}>{note.text.trim() || <em>{t('reportEmptyNote')}</em>}</li>
                    ))}
                  </ul>
                )}
              </div>
            )
          })
        )}
      </Section>

      <Section id="hmw" title={t('reportHmw')}>
        {(() => {
          const rows = rankedNotes(json, 'hmw')
          if (rows.length === 0) return <Empty>{t('reportNoHmw')}</Empty>
          return (
            <ul className="report-hmw">
              {rows.map(({ note, votes }) => (
                <li key={note.id}>
                  {note.text.trim() || <em>{t('reportEmptyNote')}</em>}
                  {hasRound('hmw') && <span className="report-votes"> — {plural(t, 'votesCount', votes)}</span>}
                </li>
              ))}
            </ul>
          )
        })()}
      </Section>

      <RankedTable id="ideas" title={t('reportIdeas')} empty={t('reportNoIdeas')} what={t('reportIdea')} rows={rankedNotes(json, 'idea')} where={where} />

      <Section id="mvp" title={t('reportMvp')}>
        {(() => {
          const items = json.roadmap.filter((item) => item.mvp)
          if (items.length === 0) return <Empty>{t('reportNoMvp')}</Empty>
          return (
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reportItem')}</th>
                  <th scope="col">{t('reportWhen')}</th>
                  <th scope="col">{t('reportOwner')}</th>
                  <th scope="col">{t('reportMetric')}</th>
                  <th scope="col" className="report-number">
                    {t('reportStories')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.title.trim() || t('reportUntitledItem')}</td>
                    <td>{t(COLUMN_LABEL[item.column])}</td>
                    <td>{item.owner ?? ''}</td>
                    <td>{item.metric ?? ''}</td>
                    <td className="report-number">{json.stories.filter((story) => story.roadmapId === item.id).length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        })()}
      </Section>

      <Section id="roadmap" title={t('reportRoadmap')}>
        <div className="report-roadmap">
          {COLUMNS.map((column) => {
            const items = json.roadmap.filter((item) => item.column === column.id)
            return (
              <section key={column.id} className="report-column" aria-labelledby={`report-column-${column.id}`}>
                <h3 id={`report-column-${column.id}`}>{t(column.label)}</h3>
                {items.length === 0 ? (
                  <Empty>{t('reportEmptyColumn')}</Empty>
                ) : (
                  <ul>
                    {items.map((item) => (
                      <RoadmapCard key={item.id} item={item} json={json} />
                    ))}
                  </ul>
                )}
              </section>
            )
          })}
        </div>
      </Section>

      <Section id="stories" title={t('reportUserStories')}>
        {json.stories.length === 0 ? (
          <Empty>{t('reportNoStories')}</Empty>
        ) : (
          json.stories.map((story, i) => {
            const item = story.roadmapId === undefined ? undefined : json.roadmap.find((r) => r.id === story.roadmapId)
            const criteria = story.acceptance.filter((criterion) => criterion.trim() !== '')
            const sentence = storyLine(t, locale, story)
            return (
              <article key={story.id} className="report-story" aria-labelledby={`report-story-${story.id}`}>
                <h3 id={`report-story-${story.id}`}>
                  {t('reportStoryHeading', { n: i + 1, priority: t(PRIORITY_LABEL[story.priority]) })}
                </h3>
                <p className="report-sentence">{sentence || <em>{t('reportEmptyStory')}</em>}</p>
                {item && (
                  <p className="report-muted">
                    {t(item.mvp ? 'reportStoryRoadmapMvp' : 'reportStoryRoadmap', {
                      title: item.title.trim() || t('reportUntitledItem'),
                      column: t(COLUMN_LABEL[item.column]),
                    })}
                  </p>
                )}
                <h4>{t('reportAcceptance')}</h4>
                {criteria.length === 0 ? (
                  <Empty>{t('reportNoAcceptance')}</Empty>
                ) : (
                  <ul className="report-criteria">
                    {criteria.map((criterion, j) => (
                      <li key={j}>{criterion}</li>
                    ))}
                  </ul>
                )}
              </article>
            )
          })
        )}
      </Section>

      {others.length > 0 && (
        <Section id="other" title={t('reportOtherNotes')}>
          <ul>
            {others.map((note) => (
              <li key={note.id}>{note.text.trim() || <em>{t('reportEmptyNote')}</em>}</li>
            ))}
          </ul>
        </Section>
      )}
    </main>
  )
}

function Section({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section className={`report-section${className ? ` ${className}` : ''}`} aria-labelledby={`report-${id}`}>
      <h2 id={`report-${id}`}>{title}</h2>
      {children}
    </section>
  )
}

const Empty = ({ children }: { children: ReactNode }) => <p className="report-muted report-empty">{children}</p>

/** Stages as columns, lanes as rows, the emotion per stage in the first row. */
function Journey({ json, inCell }: { json: WorkshopJson; inCell: (note: Note) => boolean }) {
  const t = useT()
  const { stages, lanes, emotions } = json
  if (stages.length === 0 || lanes.length === 0) {
    return (
      <Section id="journey" title={t('reportJourney')} className="report-journey">
        <Empty>{t('reportNoJourney')}</Empty>
      </Section>
    )
  }
  const cells = new Map<string, Note[]>()
  for (const note of json.notes) {
    if (!inCell(note)) continue
    const key = `${note.stageId}/${note.laneId}`
    cells.set(key, [...(cells.get(key) ?? []), note])
  }
  for (const notes of cells.values()) notes.sort((a, b) => a.y - b.y || a.x - b.x)
  return (
    <Section id="journey" title={t('reportJourney')} className="report-journey">
      <p className="report-muted">{t('reportJourneyHint')}</p>
      <table className="report-table report-journey-table" aria-labelledby="report-journey">
        <thead>
          <tr>
            <th scope="col">{t('reportLane')}</th>
            {stages.map((stage) => (
              <th scope="col" key={stage.id}>
                {stage.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="report-emotion-row">
            <th scope="row">{t('reportEmotion')}</th>
            {stages.map((stage) => {
              const value = emotions[stage.id]
              const mood = value === undefined ? '' : value < 0 ? ' report-negative' : value > 0 ? ' report-positive' : ''
              return (
                <td key={stage.id} className={`report-emotion${mood}`}>
                  {emotionLabel(value)}
                </td>
              )
            })}
          </tr>
          {lanes.map((lane) => (
            <tr key={lane.id}>
              <th scope="row">{lane.title.trim() || t('reportUntitledLane')}</th>
              {stages.map((stage) => {
                const notes = cells.get(`${stage.id}/${lane.id}`) ?? []
                return (
                  <td key={stage.id}>
                    {notes.length > 0 && (
                      <ul className="report-cell-notes">
                        {notes.map((note) => (
                          <li key={note.id} className="report-cell-note" style={{ backgroundColor: NOTE_FILL[note.color] }}>
                            {note.text.trim() || <em>{t('reportEmptyNote')}</em>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}

function RankedTable(props: { id: string; title: string; empty: string; what: string; rows: Ranked[]; where(note: Note): string }) {
  const t = useT()
  const { id, title, empty, what, rows, where } = props
  return (
    <Section id={id} title={title}>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table className="report-table" aria-labelledby={`report-${id}`}>
          <thead>
            <tr>
              <th scope="col" className="report-number">
                #
              </th>
              <th scope="col">{what}</th>
              <th scope="col">{t('reportWhere')}</th>
              <th scope="col" className="report-number">
                {t('reportVotes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ note, votes }, i) => (
              <tr key={note.id}>
                <td className="report-number">{i + 1}</td>
                <td>{note.text.trim() || <em>{t('reportEmptyNote')}</em>}</td>
                <td>{where(note)}</td>
                <td className="report-number">{votes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}

function RoadmapCard({ item, json }: { item: RoadmapItem; json: WorkshopJson }) {
  const t = useT()
  const source = item.sourceId === undefined ? undefined : json.notes.find((note) => note.id === item.sourceId)?.text.trim()
  const facts: [MessageKey, string | undefined][] = [
    ['reportOwner', item.owner],
    ['reportMetric', item.metric],
    ['reportFrom', source],
  ]
  return (
    <li className="report-item">
      <p className="report-item-title">
        <strong>{item.title.trim() || t('reportUntitledItem')}</strong>
        {item.mvp && <span className="report-mvp"> ✓ {t('reportMvp')}</span>}
      </p>
      {facts.some(([, value]) => value) && (
        <dl>
          {facts.map(([label, value]) =>
            value ? (
              <div key={label}>
                <dt>{t(label)}:</dt>
                <dd>{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
    </li>
  )
}
