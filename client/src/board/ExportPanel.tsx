/**
 * Export: the workshop as Markdown, Jira CSV or JSON (from the server, the same files as the
 * API and `npm run export`), the whole board as a PNG at 2× pixel ratio, and a printable report
 * that the browser prints to PDF. Each download says what it is doing and what went wrong.
 */
import { useState } from 'react'
import type { BoardLayout } from '../../../shared/board/layout'
import type { Cluster } from '../../../shared/board/cluster'
import type { Note } from '../../../shared/board/note'
import { ErrorText } from '../components'
import { useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { boardToPng, type BoardImageInput } from './png'

type Format = 'md' | 'csv' | 'json'

const FORMATS: { format: Format; label: MessageKey }[] = [
  { format: 'md', label: 'exportMarkdown' },
  { format: 'csv', label: 'exportJira' },
  { format: 'json', label: 'exportJson' },
]

/** The file name in a Content-Disposition header (the UTF-8 form when given). */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1])
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name from the title (as the server names its files): no characters file systems refuse. */
function fileBase(title: string): string {
  // eslint-disable-next-line no-control-regex
  return title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim().slice(0, 80) || 'horizon-workshop'
}

export function ExportPanel({
  connection,
  title,
  layout,
  notes,
  clusters,
  emotions,
  results,
}: {
  connection: WorkshopConnection
  title: string
  layout: BoardLayout
  notes: readonly Note[]
  clusters: readonly Cluster[]
  emotions: Record<string, number>
  /** The last closed round's counts, shown as badges on the board and in the image. */
  results: BoardImageInput['results']
}) {
  const t = useT()
  const [busy, setBusy] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { session } = connection

  const run = async (what: string, work: () => Promise<string>) => {
    setBusy(what)
    setDone(null)
    setError(null)
    try {
      setDone(t('exported', { name: await work() }))
    } catch (e) {
      setError(t('exportFailed', { reason: e instanceof Error ? e.message : String(e) }))
    } finally {
      setBusy(null)
    }
  }

  const download = (format: Format, label: string) =>
    run(label, async () => {
      let response: Response
      try {
        response = await fetch(`/api/workshops/${encodeURIComponent(session.workshopId)}/export?format=${format}`, {
          headers: { Authorization: `Bearer ${session.token}` },
        })
      } catch {
        throw new Error(t('serverError'))
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined
        throw new Error(typeof body?.error === 'string' ? body.error : response.statusText)
      }
      const name = filenameFrom(response.headers.get('Content-Disposition'), `${fileBase(title)}.${format}`)
      save(await response.blob(), name)
      return name
    })

  const png = () =>
    run(t('exportPng'), async () => {
      // Board notes only: private notes are not the group's yet.
      const name = `${fileBase(title)}.png`
      save(await boardToPng({ layout, notes: notes.filter((n) => !connection.private || !isPrivate(connection, n.id)), clusters, emotions, title, results }), name)
      return name
    })

  return (
    <section className="panel export-panel" aria-labelledby="export-heading" aria-busy={busy !== null}>
      <h2 id="export-heading">{t('export')}</h2>
      <p className="hint">{t('exportHint')}</p>
      <ul className="export-list">
        {FORMATS.map(({ format, label }) => (
          <li key={format}>
            <button type="button" disabled={busy !== null} onClick={() => void download(format, t(label))}>
              {t(label)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" disabled={busy !== null} onClick={() => void png()}>
            {t('exportPng')}
          </button>
        </li>
        <li>
          <a className="button" href={`/w/${encodeURIComponent(session.workshopId)}/report`} target="_blank" rel="noopener">
            {t('exportReport')}
          </a>
        </li>
      </ul>
      <p role="status" className="export-status">
        {busy !== null ? t('exporting', { what: busy }) : done}
      </p>
      <ErrorText message={error} />
    </section>
  )
}

function isPrivate(connection: WorkshopConnection, id: string): boolean {
  return connection.private?.doc.getMap('notes').has(id) ?? false
}
