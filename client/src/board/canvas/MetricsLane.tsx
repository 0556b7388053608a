/**
 * The "Data & metrics" lane (lane kind `data`, issue #12), drawn from the active dataset: per
 * stage a small block of bars — volume (interactions, against the busiest stage), CSAT (of 5)
 * and repeat rate — arrows between consecutive stages with the share of customers who went on,
 * and the worst touchpoints (highest repeat rate, lowest CSAT; three in all) flagged in their
 * stage's cell of the touchpoints lane. Only rendered for a page that has the data (the
 * facilitator's always; the others' after the reveal).
 */
import { memo } from 'react'
import { Arrow, Group, Rect, Text } from 'react-konva'
import type { BoardLayout } from '../../../../shared/board/layout'
import type { Dataset, StageAggregate, TouchpointAggregate } from '../../../../shared/data/types'
import { labelZoom } from './shapes'

export interface MetricsLabels {
  volume: string
  csat: string
  repeat: string
  wentOn: (percent: number) => string
  worst: string
}

const PAD = 12
const BAR_HEIGHT = 14
const COLORS = { volume: '#4263eb', csat: '#2f9e44', repeat: '#e03131', track: '#e9ecef', text: '#212529', flag: '#c92a2a' }

const percent = (share: number) => Math.round(share * 100)

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
  const touchRow = layout.rows.find((r) => r.kind === 'touchpoints')
  const resolve = stageResolver(dataset, layout)
  const { stages, transitions, touchpoints } = dataset.aggregates
  const maxVolume = Math.max(1, ...stages.map((s) => s.interactions))
  const zoom = Math.min(2, labelZoom(scale))
  const font = 13 * zoom
  const blocks: Array<{ stage: StageAggregate; x: number; width: number }> = []
  for (const stage of stages) {
    const id = resolve(stage.stage)
    const column = id === undefined ? undefined : layout.columnById.get(id)
    if (column) blocks.push({ stage, x: column.x, width: column.width })
  }
  // The bars at the top of the lane's cells, the drop-off arrows in a band below them.
  const step = font + BAR_HEIGHT + 8
  const blockTop = (row?.y ?? 0) + PAD
  const arrowY = blockTop + step * 3 + 8 + font + 8
  return (
    <Group listening={false}>
      {row &&
        blocks.map(({ stage, x, width }) => {
          const inner = width - 2 * PAD
          return (
            <Group key={stage.stage} x={x + PAD} y={blockTop}>
              <Rect x={-6} y={-6} width={inner + 12} height={step * 3 + 8} fill="#ffffff" opacity={0.92} cornerRadius={6} stroke="#ced4da" strokeWidth={1} />
              <Bar x={0} y={0} width={inner} share={stage.interactions / maxVolume} color={COLORS.volume} font={font} label={`${labels.volume} ${stage.interactions.toLocaleString()}`} />
              <Bar x={0} y={step} width={inner} share={(stage.csat ?? 0) / 5} color={COLORS.csat} font={font} label={`${labels.csat} ${stage.csat === null ? '—' : stage.csat.toFixed(1)}`} />
              <Bar x={0} y={step * 2} width={inner} share={stage.repeatRate} color={COLORS.repeat} font={font} label={`${labels.repeat} ${percent(stage.repeatRate)} %`} />
            </Group>
          )
        })}
      {row &&
        transitions.map((tr) => {
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
              <Text x={x1} y={arrowY - font - 4} width={x2 - x1} align="center" fontSize={font} fontStyle="bold" fill={tr.share < 0.5 ? COLORS.repeat : COLORS.text} text={labels.wentOn(percent(tr.share))} />
            </Group>
          )
        })}
      {touchRow &&
        worstTouchpoints(touchpoints).map((tp, i) => {
          const id = resolve(tp.stage)
          const column = id === undefined ? undefined : layout.columnById.get(id)
          if (!column) return null
          const y = touchRow.y + touchRow.height - (font + 12) * (1 + (i % 3)) - 4
          const text = `⚑ ${tp.touchpoint}: ${labels.repeat} ${percent(tp.repeatRate)} %${tp.csat !== null ? ` · ${labels.csat} ${tp.csat.toFixed(1)}` : ''}`
          return (
            <Group key={`${tp.stage}/${tp.touchpoint}`} x={column.x + PAD} y={y}>
              <Rect width={column.width - 2 * PAD} height={font + 8} fill="#fff5f5" stroke={COLORS.flag} strokeWidth={1.5} cornerRadius={4} />
              <Text x={6} y={4} width={column.width - 2 * PAD - 12} text={text} fontSize={font} fill={COLORS.flag} fontStyle="bold" wrap="none" ellipsis />
            </Group>
          )
        })}
    </Group>
  )
})
