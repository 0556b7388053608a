/**
 * The data-driven journey in the workshop file (issue #12): the `data` key of the `json` export
 * (optional: files without it still import, and workshops without data export none), its
 * Markdown section, and the way back into fresh documents.
 *
 * It carries the data document (datasets with their aggregates, matches, owners and targets),
 * the guesses — without names or participant ids, only each ranking's department — and the
 * guess-vs-data comparison as computed at export time (for readers of the file; an import
 * computes it again from the rest). Raw rows were never in any document, so they are not here.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { readPersonDepartments } from '../board/person'
import { boardMaps } from '../board/board-doc'
import { compare, TOP, type Comparison } from '../data/compare'
import { activeDataset, dataSectionSchema, describeTarget, readDataSection, type DataSection, writeDataSection } from '../data/data-doc'
import { GUESS_MAX_LENGTH, MAX_GUESSES, readGuesses, setGuess } from '../data/guesses'
import { LIMITS } from '../limits'
import { exportLanguage, fillWords, type ExportLanguage } from './report-words'

export const guessExportSchema = z.object({
  department: z.string().max(LIMITS.name).optional(),
  items: z.array(z.string().max(GUESS_MAX_LENGTH)).max(MAX_GUESSES),
})

export const dataExportSchema = dataSectionSchema.extend({
  guesses: z.array(guessExportSchema).max(10_000),
  /** Output only: recomputed on import. */
  comparison: z.unknown().optional(),
})
export type DataExport = z.output<typeof dataExportSchema>

/** The `data` key of an export, or undefined when there is neither data nor a guess. */
export function dataToJson(dataDoc: Y.Doc | undefined, board: Y.Doc, departments: readonly string[]): DataExport | undefined {
  const section: DataSection = dataDoc ? readDataSection(dataDoc) : { datasets: [], matches: {}, keyTouchpoints: [] }
  const guesses = readGuesses(board)
  if (section.datasets.length === 0 && section.keyTouchpoints.length === 0 && guesses.size === 0) return undefined
  const departmentOf = readPersonDepartments(board, departments)
  const active = dataDoc ? activeDataset(dataDoc) : undefined
  const comparison: Comparison | undefined = active
    ? compare({ aggregates: active.aggregates, measure: section.measure ?? 'interactions', guesses, departmentOf, departments, matches: new Map(Object.entries(section.matches)) })
    : undefined
  return {
    ...section,
    guesses: [...guesses].map(([id, items]) => {
      const department = departmentOf.get(id)
      return { ...(department !== undefined && { department }), items }
    }),
    ...(comparison && { comparison }),
  }
}

/**
 * Writes an export's `data` into a fresh data document and the board's `guesses`. Each ranking
 * gets an id of its own (`imported-<n>`, no participant has it) and, when it had a department,
 * a nameless `people` entry holding it, so that the comparison per department reads as before.
 */
export function dataFromJson(data: DataExport, dataDoc: Y.Doc, board: Y.Doc): void {
  writeDataSection(dataDoc, data)
  const { people } = boardMaps(board)
  board.transact(() => {
    data.guesses.forEach((guess, index) => {
      const id = `imported-${index + 1}`
      setGuess(board, id, guess.items)
      if (guess.department !== undefined) {
        const person = new Y.Map<unknown>()
        person.set('name', '')
        person.set('department', guess.department)
        people.set(id, person)
      }
    })
  })
}

/** The measure as the Markdown names it: English by its key (as before), Dutch as the app words it. */
const MEASURE_NL: Record<string, string> = { interactions: 'contacten', customers: 'klanten', repeats: 'herhaalcontacten' }
const METRIC_NL: Record<string, string> = { repeatRate: 'herhaalpercentage', csat: 'CSAT', nps: 'NPS', interactions: 'contacten' }

/** A key touchpoint's target: a typed target as typed; a structured one in the language's words and numbers. */
function targetText(k: DataExport['keyTouchpoints'][number], L: ExportLanguage): string | undefined {
  if (L.language === 'en' || k.target !== undefined) return describeTarget(k)
  if (k.metric === undefined || k.comparator === undefined || k.value === undefined) return undefined
  const shown = k.metric === 'repeatRate' ? L.pct(k.value) : L.num(k.value)
  return `${METRIC_NL[k.metric] ?? k.metric} ${k.comparator} ${shown}`
}

/**
 * The Markdown section "Data and the room's guess" in the workshop's language; undefined
 * without data. The report's own escapers are passed in (markdown.ts calls this: importing them
 * back would be a cycle).
 */
export function dataMarkdown(data: DataExport | undefined, { inline, cell }: { inline(value: string): string; cell(value: string): string }, L: ExportLanguage = exportLanguage('en')): string | undefined {
  if (!data) return undefined
  const w = L.words
  const { num, pct } = L
  const score = (value: number | null) => (value === null ? '—' : num(value, 1))
  const parts = [`## ${w.mdData}`]
  const active = data.datasets.find((d) => d.id === data.activeId) ?? data.datasets[data.datasets.length - 1]
  if (active) {
    const a = active.aggregates
    const summary = fillWords(w.mdDataset, { name: `**${inline(active.name)}**`, file: inline(active.fileName), rows: num(a.rows), customers: num(a.customers), from: a.from?.slice(0, 10) ?? '—', to: a.to?.slice(0, 10) ?? '—' })
    parts.push('', summary)
    parts.push('', `| ${w.mdStage} | ${w.mdInteractions} | ${w.mdCustomers} | ${w.mdCsat} | ${w.mdRepeatRate} |`, '| --- | ---: | ---: | ---: | ---: |')
    for (const s of a.stages) parts.push(`| ${cell(s.stage)} | ${num(s.interactions)} | ${num(s.customers)} | ${score(s.csat)} | ${pct(s.repeatRate)} |`)
    if (a.transitions.length > 0) {
      parts.push('', `| ${w.mdFrom} | ${w.mdTo} | ${w.mdWentOn} | ${w.mdMedianHours} |`, '| --- | --- | ---: | ---: |')
      for (const t of a.transitions) parts.push(`| ${cell(t.from)} | ${cell(t.to)} | ${pct(t.share)} | ${t.medianHours === null ? '—' : num(Math.round(t.medianHours))} |`)
    }
    parts.push('', `| ${w.mdTouchpoint} | ${w.mdStage} | ${w.mdInteractions} | ${w.mdCustomers} | ${w.mdCsat} | ${w.mdRepeatRate} |`, '| --- | --- | ---: | ---: | ---: | ---: |')
    for (const t of a.touchpoints.slice(0, 25)) parts.push(`| ${cell(t.touchpoint)} | ${cell(t.stage)} | ${num(t.interactions)} | ${num(t.customers)} | ${score(t.csat)} | ${pct(t.repeatRate)} |`)
  }
  const comparison = data.comparison as Comparison | undefined
  if (comparison) {
    const measure = L.language === 'nl' ? (MEASURE_NL[comparison.measure] ?? comparison.measure) : comparison.measure
    parts.push('', `### ${w.mdGuessHeading}`, '', fillWords(w.mdRankedBy, { measure }))
    parts.push('', `| ${w.mdWho} | ${w.mdRankings} | ${w.mdFoundTop} | ρ |`, '| --- | ---: | ---: | ---: |')
    for (const r of [comparison.group, ...comparison.departments]) {
      parts.push(`| ${r.name === '' ? w.mdGroup : cell(r.name)} | ${num(r.people)} | ${fillWords(w.mdFoundOf, { found: num(r.found), of: num(Array.isArray(comparison.data) ? comparison.data.length : TOP) })} | ${r.rho === null ? '—' : num(r.rho, 2)} |`)
    }
    parts.push('', `| # | ${w.mdDataColumn} | ${w.mdGroup} |`, '| ---: | --- | --- |')
    for (let i = 0; i < 10; i++) {
      const d = comparison.data[i]
      const g = comparison.group.top[i]
      if (!d && !g) break
      parts.push(`| ${num(i + 1)} | ${d ? cell(d.touchpoint) : ''} | ${g ? `${cell(g.label)}${g.inDataTop ? ' ✓' : ''}` : ''} |`)
    }
  } else if (data.guesses.length > 0) {
    parts.push('', fillWords(w.mdGuessesOnly, { count: num(data.guesses.length) }))
  }
  if (data.keyTouchpoints.length > 0) {
    parts.push('', `### ${w.mdKeyTouchpoints}`, '', `| ${w.mdTouchpoint} | ${w.mdOwner} | ${w.mdTarget} |`, '| --- | --- | --- |')
    for (const k of data.keyTouchpoints) parts.push(`| ${cell(k.touchpoint)} | ${k.owner ? cell(k.owner) : '—'} | ${cell(targetText(k, L) ?? '—')} |`)
  }
  return parts.join('\n')
}
