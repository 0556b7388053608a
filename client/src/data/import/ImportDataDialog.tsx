/**
 * "Import data": the facilitator brings a contact log into the workshop. Steps: pick or drop a
 * CSV → check the column mapping against the first rows → read the whole file in a worker
 * (progress, Cancel) → map each stage value in the file to a journey stage → confirm replacing
 * earlier data → the aggregates are written to the `data` document. Rows never leave this
 * browser: the worker (parse.worker.ts) keeps them and sends back totals. Nothing is written
 * until the whole file has been read without an error.
 */
import { withStageTitles } from '../../../../shared/data/stage-names'
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react'
import type * as Y from 'yjs'
import type { StageValue } from '../../../../shared/data/aggregate'
import { addDataset, readDatasets } from '../../../../shared/data/data-doc'
import type { DataErrorJson } from '../../../../shared/data/errors'
import { REQUIRED_FIELDS } from '../../../../shared/data/row'
import { DATA_FIELDS, type Aggregates, type ColumnMapping, type DataField } from '../../../../shared/data/types'
import { newId } from '../../../../shared/ids'
import { ErrorText } from '../../components'
import { useT, type MessageKey } from '../../i18n'
import { describeDataError } from './errors'
import type { FromWorker, ToWorker } from './protocol'
import { guessStageMap } from './stageGuess'
import './import.css'

export interface ImportDataDialogProps {
  dataDoc: Y.Doc
  /** The board's stages, in journey order. */
  stages: { id: string; title: string }[]
  onClose(): void
}

interface Preview {
  file: File
  headers: string[]
  rows: string[][]
  mapping: ColumnMapping
}

type Step =
  | { kind: 'pick' }
  | ({ kind: 'map' } & Preview)
  | ({ kind: 'reading'; bytes: number; total: number; rowsRead: number } & Preview)
  | ({ kind: 'stages'; rowsRead: number; values: StageValue[]; stageMap: Record<string, string>; name: string; confirmReplace: string | null; finishing: boolean } & Preview)
  | { kind: 'done'; name: string; aggregates: Aggregates }

const isRequired = (field: DataField) => (REQUIRED_FIELDS as readonly string[]).includes(field)
const baseName = (fileName: string) => fileName.replace(/\.[^.]*$/, '') || fileName

function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`
}

export function ImportDataDialog({ dataDoc, stages, onClose }: ImportDataDialogProps) {
  const t = useT()
  const locale = t.locale ?? 'en'
  const ids = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const worker = useRef<Worker | null>(null)
  const otherFile = useRef<HTMLInputElement>(null)
  /** The file whose preview the worker is reading. */
  const pending = useRef<File | null>(null)
  /** What to do with the aggregates when the worker has them. */
  const done = useRef<((aggregates: Aggregates) => void) | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'pick' })
  const [error, setError] = useState<string | null>(null)
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => {
      worker.current?.terminate()
      worker.current = null
    }
  }, [])

  // Each step starts at its heading, so that keyboard and screen-reader users hear where they are.
  useEffect(() => {
    heading.current?.focus()
  }, [step.kind])

  const stopWorker = () => {
    worker.current?.terminate()
    worker.current = null
  }

  const fail = useCallback(
    (json: DataErrorJson) => {
      setError(describeDataError(t, json))
      stopWorker()
      setStep((s) => (s.kind === 'reading' || s.kind === 'stages' ? { kind: 'map', file: s.file, headers: s.headers, rows: s.rows, mapping: s.mapping } : s.kind === 'map' ? s : { kind: 'pick' }))
    },
    [t],
  )

  const send = useCallback(
    (message: ToWorker) => {
      if (!worker.current) {
        const w = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' })
        w.onmessage = (event: MessageEvent<FromWorker>) => {
          const m = event.data
          if (m.type === 'error') fail(m.error)
          else if (m.type === 'preview') setStep((s) => (s.kind === 'pick' || s.kind === 'map' ? { kind: 'map', file: pending.current as File, headers: m.headers, rows: m.rows, mapping: m.mapping } : s))
          else if (m.type === 'progress') setStep((s) => (s.kind === 'reading' ? { ...s, bytes: m.bytes, total: m.total, rowsRead: m.rows } : s))
          else if (m.type === 'parsed')
            setStep((s) =>
              s.kind === 'reading'
                ? {
                    kind: 'stages',
                    file: s.file,
                    headers: s.headers,
                    rows: s.rows,
                    mapping: s.mapping,
                    rowsRead: m.rows,
                    values: m.stageValues,
                    stageMap: guessStageMap(
                      m.stageValues.map((v) => v.value),
                      stages,
                    ),
                    name: baseName(s.file.name),
                    confirmReplace: null,
                    finishing: false,
                  }
                : s,
            )
          else if (m.type === 'done') done.current?.(m.aggregates)
        }
        w.onerror = (event) => fail({ code: 'badCsv', facts: { detail: event.message }, message: event.message })
        worker.current = w
      }
      worker.current.postMessage(message)
    },
    [fail, stages],
  )

  const choose = (file: File | undefined) => {
    if (!file) return
    setError(null)
    stopWorker()
    pending.current = file
    setStep({ kind: 'pick' })
    send({ type: 'preview', file })
  }

  const read = (s: Extract<Step, { kind: 'map' }>) => {
    setError(null)
    for (const field of REQUIRED_FIELDS) {
      if (!s.mapping[field]) return setError(describeDataError(t, { code: 'notMapped', facts: { field }, message: '' }))
    }
    setStep({ ...s, kind: 'reading', bytes: 0, total: s.file.size, rowsRead: 0 })
    send({ type: 'parse', file: s.file, mapping: s.mapping })
  }

  const cancelReading = (s: Extract<Step, { kind: 'reading' }>) => {
    stopWorker()
    setStep({ kind: 'map', file: s.file, headers: s.headers, rows: s.rows, mapping: s.mapping })
    setError(t('dataImportCancelled'))
  }

  const add = (s: Extract<Step, { kind: 'stages' }>, confirmed: boolean) => {
    setError(null)
    const missing = s.values.find((v) => !s.stageMap[v.value])
    if (missing) return setError(describeDataError(t, { code: 'stageNotMapped', facts: { value: missing.value, row: missing.firstRow }, message: '' }))
    const existing = readDatasets(dataDoc)
    if (existing.length > 0 && !confirmed) return setStep({ ...s, confirmReplace: existing.map((d) => d.name).join(', ') })
    const used = new Set(Object.values(s.stageMap))
    const name = s.name.trim() || baseName(s.file.name)
    done.current = (aggregates) => {
      // Only now, with the whole file read and aggregated, does anything enter the document.
      addDataset(
        dataDoc,
        { id: newId(), name, fileName: s.file.name, importedAt: Date.now(), mapping: s.mapping, stageMap: s.stageMap, aggregates: withStageTitles(aggregates, stages) },
        { replace: true },
      )
      stopWorker()
      setStep({ kind: 'done', name, aggregates })
    }
    setStep({ ...s, confirmReplace: null, finishing: true })
    send({ type: 'finish', stageMap: s.stageMap, order: stages.filter((st) => used.has(st.id)).map((st) => st.id) })
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    choose(event.dataTransfer.files[0])
  }

  const fieldLabel = (field: DataField) => t(`dataField_${field}` as MessageKey)
  const number = (n: number) => n.toLocaleString(locale)

  return (
    <dialog
      ref={dialog}
      className="data-import"
      aria-labelledby={`${ids}-title`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <header className="data-import-head">
        <h2 id={`${ids}-title`}>{t('dataImportTitle')}</h2>
        <button type="button" className="data-import-close" onClick={onClose}>
          {t('dataImportClose')}
        </button>
      </header>

      {step.kind === 'pick' && (
        <section aria-labelledby={`${ids}-step`}>
          <h3 id={`${ids}-step`} ref={heading} tabIndex={-1} className="visually-hidden">
            {t('dataImportPick')}
          </h3>
          <p className="hint">{t('dataImportIntro')}</p>
          {stages.length === 0 && <ErrorText message={t('dataImportNoStages')} />}
          <label
            className={`data-drop${dragging ? ' dragging' : ''}`}
            onDragOver={(event) => {
              event.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <span className="data-drop-title">{t('dataImportPick')}</span>
            <span className="hint">{t('dataImportDrop')}</span>
            <input type="file" accept=".csv,.txt,text/csv" disabled={stages.length === 0} onChange={(event) => choose(event.currentTarget.files?.[0])} />
          </label>
        </section>
      )}

      {(step.kind === 'map' || step.kind === 'reading') && (
        <section aria-labelledby={`${ids}-step`}>
          <p className="data-file">{t('dataImportFile', { name: step.file.name, size: formatSize(step.file.size, locale) })}</p>
          <h3 id={`${ids}-step`} ref={heading} tabIndex={-1}>
            {t('dataImportColumns')}
          </h3>
          <p className="hint">{t('dataImportColumnsHint')}</p>
          <div className="data-fields">
            {DATA_FIELDS.map((field) => (
              <label key={field}>
                <span>{isRequired(field) ? t('dataImportRequired', { field: fieldLabel(field) }) : fieldLabel(field)}</span>
                <select
                  value={step.mapping[field] ?? ''}
                  disabled={step.kind === 'reading'}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    if (step.kind !== 'map') return
                    const mapping = { ...step.mapping }
                    if (value) mapping[field] = value
                    else delete mapping[field]
                    setStep({ ...step, mapping })
                  }}
                >
                  <option value="">{t('dataImportNotMapped')}</option>
                  {step.headers.map((header, i) => (
                    <option key={`${i}-${header}`} value={header}>
                      {header}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="data-preview" role="region" aria-label={t('dataImportPreview')} tabIndex={0}>
            <table>
              <caption className="hint">{t('dataImportPreview')}</caption>
              <thead>
                <tr>
                  {step.headers.map((header, i) => (
                    <th key={i} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {step.rows.map((row, r) => (
                  <tr key={r}>
                    {step.headers.map((_h, c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorText message={error} />
          {step.kind === 'map' ? (
            <div className="data-actions">
              <button type="button" className="primary" onClick={() => read(step)}>
                {t('dataImportRead')}
              </button>
              <button type="button" onClick={() => otherFile.current?.click()}>
                {t('dataImportOtherFile')}
              </button>
              <input ref={otherFile} type="file" hidden accept=".csv,.txt,text/csv" onChange={(event) => choose(event.currentTarget.files?.[0])} />
            </div>
          ) : (
            <div className="data-progress" role="group" aria-label={t('dataImportReading')}>
              <p>{t('dataImportReading')}</p>
              <progress max={100} value={Math.round((step.bytes / Math.max(step.total, 1)) * 100)} aria-label={t('dataImportProgressLabel')} />
              <p aria-live="polite" className="data-progress-text">
                {t('dataImportProgress', { percent: Math.round((step.bytes / Math.max(step.total, 1)) * 100), rows: number(step.rowsRead) })}
              </p>
              <button type="button" onClick={() => cancelReading(step)}>
                {t('dataImportCancel')}
              </button>
            </div>
          )}
        </section>
      )}

      {step.kind === 'stages' && (
        <section aria-labelledby={`${ids}-step`}>
          <p className="data-file">{t('dataImportFile', { name: step.file.name, size: formatSize(step.file.size, locale) })}</p>
          <h3 id={`${ids}-step`} ref={heading} tabIndex={-1}>
            {t('dataImportStages')}
          </h3>
          <p className="hint">{t('dataImportStagesHint', { rows: number(step.rowsRead) })}</p>
          <ul className="data-stage-map">
            {step.values.map((value) => (
              <li key={value.value}>
                <span>{t('dataImportStageValue', { value: value.value, count: number(value.interactions) })}</span>
                <select
                  aria-label={t('dataImportStageFor', { value: value.value })}
                  value={step.stageMap[value.value] ?? ''}
                  disabled={step.finishing}
                  onChange={(event) => {
                    setError(null)
                    setStep({ ...step, stageMap: { ...step.stageMap, [value.value]: event.currentTarget.value }, confirmReplace: null })
                  }}
                >
                  <option value="">{t('dataImportNotMapped')}</option>
                  {stages.map((stage) => (
                    <option key={stage.id} value={stage.id}>
                      {stage.title}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
          <label className="data-name">
            {t('dataImportName')}
            <input value={step.name} maxLength={120} disabled={step.finishing} onChange={(event) => setStep({ ...step, name: event.currentTarget.value })} />
          </label>
          <ErrorText message={error} />
          {step.confirmReplace !== null ? (
            <div className="data-confirm" role="alertdialog" aria-label={t('dataImportReplace')}>
              <p>{t('dataImportReplaceAsk', { name: step.confirmReplace })}</p>
              <div className="data-actions">
                <button type="button" className="danger" onClick={() => add(step, true)} autoFocus>
                  {t('dataImportReplace')}
                </button>
                <button type="button" onClick={() => setStep({ ...step, confirmReplace: null })}>
                  {t('dataImportCancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="data-actions">
              <button type="button" className="primary" disabled={step.finishing} onClick={() => add(step, false)}>
                {t('dataImportAdd')}
              </button>
              <button type="button" onClick={onClose}>
                {t('dataImportCancel')}
              </button>
            </div>
          )}
        </section>
      )}

      {step.kind === 'done' && (
        <section aria-labelledby={`${ids}-step`}>
          <h3 id={`${ids}-step`} ref={heading} tabIndex={-1} role="status">
            {t('dataImportDone', {
              name: step.name,
              rows: number(step.aggregates.rows),
              customers: number(step.aggregates.customers),
              from: step.aggregates.from ? new Date(step.aggregates.from).toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' }) : '–',
              to: step.aggregates.to ? new Date(step.aggregates.to).toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' }) : '–',
            })}
          </h3>
          <div className="data-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('dataImportClose')}
            </button>
          </div>
        </section>
      )}
      {step.kind === 'pick' && <ErrorText message={error} />}
    </dialog>
  )
}
