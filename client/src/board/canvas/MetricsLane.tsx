/**
 * The "Data & metrics" lane (lane kind `data`, issue #12), drawn from the active dataset: per
 * stage a small block of bars — volume (interactions, against the busiest stage), CSAT (of 5)
 * and repeat rate — arrows between consecutive stages with the share of customers who went on,
 * and under them the worst touchpoints (highest repeat rate, lowest CSAT; three in all) flagged
 * in their stage's column. Everything is drawn in the room the layout keeps free under the
 * lane's notes (`metricsRoom`, passed to boardLayout's `roomBelow`), so it never covers a note,
 * and the flags wrap onto two lines that fit their column. Only rendered for a page that has the
 * data (the facilitator's always; the others' after the reveal).
 */
import Konva from 'konva'
import { memo } from 'react'
import { Arrow, Group, Rect, Text } from 'react-konva'
import type { BoardLayout } from '../../../../shared/board/layout'
import type { Dataset, StageAggregate, TouchpointAggregate } from '../../../../shared/data/types'
import { LAYOUT } from '../../../../shared/board/layout'
import { labelZoom } from './shapes'

export interface MetricsLabels {
  volume: string
  csat: string
  repeat: string
  wentOn: (percent: number) => string
  worst: string
  /** A number as the page's language writes it (`digits`: exactly that many decimals). */
  number: (value: number, digits?: number) => string
}

const PAD = 12
const BAR_HEIGHT = 14
/**
 * The labels' font at 100 %; they grow as the view zooms out (labelZoom), up to MAX_ZOOM times,
 * the flags (what the room should read first) up to FLAG_MAX_ZOOM times.
 */
const BASE_FONT = 13
const MAX_ZOOM = 2
const FLAG_MAX_ZOOM = 3
const FLAG_GAP = 6
/** Most lines of a touchpoint's name in its flag (a longer name gets a smaller font). */
const NAME_LINES = 3
/** Bold text's average character width, as a share of the font size (an estimate; fitFont too). */
const CHAR_WIDTH = 0.62

/** The heights of the lane's parts at label font `font`. */
function metricsGeometry(font: number) {
  const step = font + BAR_HEIGHT + 8
  const bars = step * 3 + 8
  const arrows = font + 4 + 16
  return { step, bars, arrows }
}

/** A flag at font `font` in a column `width` wide: its lines for the name (up to NAME_LINES), the line height, its height. */
function flagGeometry(name: string, font: number, width: number) {
  const inner = Math.max(1, width - 2 * PAD - 12)
  const nameLines = Math.min(NAME_LINES, Math.max(1, Math.ceil((name.length * CHAR_WIDTH * font) / (inner * 0.9))))
  const line = Math.ceil(font * 1.25)
  return { nameLines, line, height: line * (nameLines + 1) + 10, inner }
}

const flagName = (tp: TouchpointAggregate) => `⚑ ${tp.touchpoint}`

/** The column (board stage, or the data's own stage name when unmapped) a touchpoint's flag goes in. */
const flagColumnKey = (dataset: Dataset, tp: TouchpointAggregate) => dataset.stageMap[tp.stage] ?? tp.stage

/**
 * Board units the lane needs under its notes for everything drawn, at the largest label font:
 * the bars, the arrows and the most flags any one column has.
 */
export function metricsRoom(dataset: Dataset): number {
  const { bars, arrows } = metricsGeometry(BASE_FONT * MAX_ZOOM)
  // Each column's flags stacked, at their largest font in a column of the least width.
  const perColumn = new Map<string, number>()
  for (const tp of worstTouchpoints(dataset.aggregates.touchpoints)) {
    const key = flagColumnKey(dataset, tp)
    perColumn.set(key, (perColumn.get(key) ?? 0) + flagGeometry(flagName(tp), BASE_FONT * FLAG_MAX_ZOOM, LAYOUT.columnWidth).height + FLAG_GAP)
  }
  return PAD + bars + 8 + arrows + Math.max(0, ...perColumn.values()) + PAD
}
const COLORS = { volume: '#4263eb', csat: '#2f9e44', repeat: '#e03131', track: '#e9ecef', text: '#212529', flag: '#c92a2a' }

const percent = (share: number) => Math.round(share * 100)

/** A font up to `wanted` at which `text` (bold) fits `width`, but no smaller than `least`. */
const fitFont = (text: string, width: number, wanted: number, least: number) => Math.max(least, Math.min(wanted, width / (Math.max(1, text.length) * CHAR_WIDTH)))

/** The board stage a data stage value is drawn in: the import's stage map, else the same title. */
function stageResolver(dataset: Dataset, layout: BoardLayout) {
  const byTitle = new Map(layout.columns.map((c) => [c.title.trim().toLowerCase(), c.id]))
  return (stage: string): string | undefined => {
    const mapped = dataset.stageMap[stage]
    if (mapped !== undefined && layout.columnById.has(mapped)) return mapped
    if (layout.columnById.has(stage)) return stage
    return byTitle.get(stage.trim().toLowerCase())
  }
}

/** Three worst touchpoints: by repeat rate first, then by lowest CSAT (with at least 5 % of the busiest one's volume). */
export function worstTouchpoints(touchpoints: readonly TouchpointAggregate[], count = 3): TouchpointAggregate[] {
  const busiest = Math.max(1, ...touchpoints.map((t) => t.interactions))
  const relevant = touchpoints.filter((t) => t.interactions >= busiest * 0.05)
  const byRepeat = [...relevant].sort((a, b) => b.repeatRate - a.repeatRate || b.interactions - a.interactions).slice(0, 2)
  const byCsat = [...relevant].filter((t) => t.csat !== null && !byRepeat.includes(t)).sort((a, b) => (a.csat as number) - (b.csat as number))
  return [...byRepeat, ...byCsat].slice(0, count)
}

function Bar({ x, y, width, share, color, label, font }: { x: number; y: number; width: number; share: number; color: string; label: string; font: number }) {
  return (
    <Group x={x} y={y}>
      <Text text={label} fontSize={font} fill={COLORS.text} width={width} wrap="none" ellipsis />
      <Rect y={font + 3} width={width} height={BAR_HEIGHT} fill={COLORS.track} cornerRadius={3} />
      <Rect y={font + 3} width={Math.max(2, width * Math.max(0, Math.min(1, share)))} height={BAR_HEIGHT} fill={color} cornerRadius={3} />
    </Group>
  )
}

export const MetricsLane = memo(function MetricsLane({ layout, dataset, labels, scale }: { layout: BoardLayout; dataset: Dataset; labels: MetricsLabels; scale: number }) {
  const row = layout.rows.find((r) => r.kind === 'data')
  if (!row) return null
  const resolve = stageResolver(dataset, layout)
  const { stages, transitions, touchpoints } = dataset.aggregates
  const maxVolume = Math.max(1, ...stages.map((s) => s.interactions))
  const zoom = Math.min(MAX_ZOOM, labelZoom(scale))
  const font = BASE_FONT * zoom
  const { step, bars, arrows } = metricsGeometry(font)
  const flagFont = BASE_FONT * Math.min(FLAG_MAX_ZOOM, labelZoom(scale))
  const blocks: Array<{ stage: StageAggregate; x: number; width: number }> = []
  for (const stage of stages) {
    const id = resolve(stage.stage)
    const column = id === undefined ? undefined : layout.columnById.get(id)
    if (column) blocks.push({ stage, x: column.x, width: column.width })
  }
  // The room under the lane's notes (the layout kept it: metricsRoom), from its top down: the
  // bars, the drop-off arrows, the flags.
  const top = row.y + row.height - metricsRoom(dataset) + PAD
  const arrowY = top + bars + 8 + font + 4
  const flagsTop = top + bars + 8 + arrows
  /** How far down each column's flags reach so far. */
  const flagsIn = new Map<string, number>()
  const { number } = labels
  return (
    <Group listening={false}>
      {blocks.map(({ stage, x, width }) => {
        const inner = width - 2 * PAD
        return (
          <Group key={stage.stage} x={x + PAD} y={top}>
            <Rect x={-6} y={-6} width={inner + 12} height={bars} fill="#ffffff" opacity={0.92} cornerRadius={6} stroke="#ced4da" strokeWidth={1} />
            <Bar x={0} y={0} width={inner} share={stage.interactions / maxVolume} color={COLORS.volume} font={font} label={`${labels.volume} ${number(stage.interactions)}`} />
            <Bar x={0} y={step} width={inner} share={(stage.csat ?? 0) / 5} color={COLORS.csat} font={font} label={`${labels.csat} ${stage.csat === null ? '—' : number(stage.csat, 1)}`} />
            <Bar x={0} y={step * 2} width={inner} share={stage.repeatRate} color={COLORS.repeat} font={font} label={`${labels.repeat} ${number(percent(stage.repeatRate))} %`} />
          </Group>
        )
      })}
      {transitions.map((tr) => {
        const from = resolve(tr.from)
        const to = resolve(tr.to)
        const a = from === undefined ? undefined : layout.columnById.get(from)
        const b = to === undefined ? undefined : layout.columnById.get(to)
        if (!a || !b || b.x <= a.x) return null
        const x1 = a.x + a.width / 2
        const x2 = b.x + b.width / 2 - 10 * zoom
        return (
          <Group key={`${tr.from}→${tr.to}`}>
            <Arrow points={[x1, arrowY, x2, arrowY]} stroke={COLORS.text} fill={COLORS.text} strokeWidth={1.5 * zoom} pointerLength={7 * zoom} pointerWidth={7 * zoom} />
            <Text x={x1} y={arrowY - font - 4} width={x2 - x1} align="center" fontSize={font} fontStyle="bold" fill={tr.share < 0.5 ? COLORS.repeat : COLORS.text} text={labels.wentOn(percent(tr.share))} wrap="none" ellipsis />
          </Group>
        )
      })}
      {worstTouchpoints(touchpoints).map((tp) => {
        const id = resolve(tp.stage)
        const column = id === undefined ? undefined : layout.columnById.get(id)
        if (!column) return null
        const key = flagColumnKey(dataset, tp)
        const y = flagsTop + (flagsIn.get(key) ?? 0)
        const name = flagName(tp)
        const { nameLines: most, line, inner } = flagGeometry(name, flagFont, column.width)
        // The estimate sized the room; the flag takes the lines the name really wraps onto.
        const nameFont = fitFont(name, most * inner * 0.9, flagFont, flagFont * 0.6)
        const measure = new Konva.Text({ text: name, fontSize: nameFont, fontStyle: 'bold', width: inner, wrap: 'word', lineHeight: 1.25 })
        const nameLines = Math.max(1, Math.min(most, measure.textArr.length))
        measure.destroy()
        const height = line * (nameLines + 1) + 10
        flagsIn.set(key, (flagsIn.get(key) ?? 0) + height + FLAG_GAP)
        const figures = `${labels.repeat} ${number(percent(tp.repeatRate))} %${tp.csat !== null ? ` · ${labels.csat} ${number(tp.csat, 1)}` : ''}`
        // The name wraps onto its lines (a smaller font only for a name longer than those), the figures under it.
        return (
          <Group key={`${tp.stage}/${tp.touchpoint}`} name="metrics-flag" x={column.x + PAD} y={y}>
            <Rect width={column.width - 2 * PAD} height={height} fill="#fff5f5" stroke={COLORS.flag} strokeWidth={1.5} cornerRadius={4} />
            <Text x={6} y={5} width={inner} height={line * nameLines} lineHeight={1.25} text={name} fontSize={nameFont} fill={COLORS.flag} fontStyle="bold" wrap="word" ellipsis />
            <Text x={6} y={5 + line * nameLines} width={inner} text={figures} fontSize={fitFont(figures, inner, flagFont, flagFont * 0.6)} fill={COLORS.flag} wrap="none" ellipsis />
          </Group>
        )
      })}
    </Group>
  )
})
