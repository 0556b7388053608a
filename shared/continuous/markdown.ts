/**
 * The comparison as Markdown: the file the comparison page exports, and — with
 * `comparisonSection` — the section a workshop's report can include ("How the journey moved").
 * English, like the workshop's Markdown export; people's text is escaped the same way.
 */
import { cell, inline } from '../workshop-file/markdown'
import { departmentSentences, isShare, type Comparison, type ComparisonResult, type Metric, type MetricRow } from './compare'

export const METRIC_LABEL: Record<Metric, string> = { volume: 'Volume', csat: 'CSAT', repeatRate: 'Repeat rate', dropOff: 'Drop-off' }
export const STATE_LABEL = { now: 'Now', next: 'Next', later: 'Later', done: 'Done' } as const

/** A figure as shown: shares as percentages, CSAT with two decimals, volume whole. */
export function formatValue(metric: Metric, value: number | null): string {
  if (value === null) return '—'
  if (isShare(metric)) return `${(value * 100).toFixed(1)} %`
  if (metric === 'csat') return value.toFixed(2)
  return String(Math.round(value))
}

/** A change as shown: shares in percentage points. */
export function formatChange(metric: Metric, change: number | null): string {
  if (change === null) return '—'
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±'
  const size = Math.abs(change)
  if (isShare(metric)) return `${sign}${(size * 100).toFixed(1)} pt`
  if (metric === 'csat') return `${sign}${size.toFixed(2)}`
  return `${sign}${Math.round(size)}`
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

const trend = (row: MetricRow) => (row.better === null ? '' : row.better ? ' (better)' : ' (worse)')

/** The comparison's sections, headed at `level` (2: `##`). */
export function comparisonSection(comparison: Comparison, level = 2): string {
  const h = (extra: number) => '#'.repeat(level + extra)
  const head = comparison.columns.map((c) => cell(`${c.label} (${c.period}${c.attached ? ', attached' : ''})`))
  const out: string[] = []
  out.push(`${h(0)} Key touchpoints`, '')
  if (comparison.touchpoints.length === 0) out.push('No key touchpoints yet.', '')
  for (const row of comparison.touchpoints) {
    const owner = row.owner ? ` — owner: ${inline(row.owner)}` : ''
    out.push(`${h(1)} ${inline(row.touchpoint)}${owner}`, '')
    const target = row.target === undefined ? 'Target: not set.' : row.parsed ? `Target: ${inline(row.target)}.` : `Target: ${inline(row.target)} (not measurable).`
    out.push(target, '')
    const rows = row.metrics.map((m) => [METRIC_LABEL[m.metric], ...m.values.map((v) => formatValue(m.metric, v)), formatChange(m.metric, m.change) + trend(m)])
    if (row.parsed) rows.push(['Target met', ...row.met.map((m) => (m === null ? '—' : m ? 'yes' : 'no')), ' '])
    out.push(table(['Metric', ...head, 'Change'], rows), '')
  }
  out.push(`${h(0)} Stages`, '')
  for (const stage of comparison.stages) {
    out.push(`${h(1)} ${inline(stage.title)}`, '')
    out.push(table(['Metric', ...head, 'Change'], stage.metrics.map((m) => [METRIC_LABEL[m.metric], ...m.values.map((v) => formatValue(m.metric, v)), formatChange(m.metric, m.change) + trend(m)])), '')
  }
  out.push(`${h(0)} Guesses against the data`, '')
  const guessRows = comparison.guesses.map((g) => [cell(g.workshopTitle), `${g.period}${g.attached ? ' (attached)' : ''}`, g.team ? `${g.team.found} of ${g.team.of} (${g.team.people} people)` : '—'])
  out.push(table(['Workshop', 'Month', 'Team found'], guessRows), '')
  for (const sentence of departmentSentences(comparison)) out.push(`- ${inline(sentence)}`)
  if (comparison.departments.length > 0) out.push('')
  out.push(`${h(0)} Roadmap moves`, '')
  if (comparison.roadmap.every((step) => step.moves.length === 0)) out.push('No roadmap item moved between the workshops.', '')
  for (const step of comparison.roadmap) {
    if (step.moves.length === 0) continue
    out.push(`${h(1)} ${inline(step.fromWorkshop.title)} → ${inline(step.toWorkshop.title)}`, '')
    for (const move of step.moves) out.push(`- ${inline(move.title)}: ${STATE_LABEL[move.from]} → ${STATE_LABEL[move.to]}${move.owner ? ` (${inline(move.owner)})` : ''}`)
    out.push('')
  }
  return out.join('\n').trimEnd() + '\n'
}

/** The whole comparison file, or the reason it cannot be made. */
export function comparisonMarkdown(title: string, result: ComparisonResult): string {
  if (!result.ok) return `# ${inline(title)}: comparison\n\nThese workshops cannot be compared: ${inline(result.error)}\n`
  return `# ${inline(title)}: comparison of runs\n\n${comparisonSection(result.value, 2)}`
}
