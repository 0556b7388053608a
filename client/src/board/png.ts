/**
 * The whole board as a PNG at 2× pixel ratio. The on-screen stage draws only the notes in view
 * (and caches the grid at the current zoom), so the image is drawn on its own offscreen stage
 * with plain Konva: the title, stage and lane headers, the grid, the emotion curve, the cluster
 * frames with their names, every note with its text and colour, and the vote counts of the
 * last closed round as badges (named in the title band) — the board as BoardCanvas draws it,
 * minus what belongs to one person (selection, my dots, cursors). The image spans the layout
 * and every note, loose notes outside the grid included, on white.
 */
import Konva from 'konva'
import { emotionY, LAYOUT, notesBounds, noteWorldPosition, type BoardLayout, type Rect } from '../../../shared/board/layout'
import type { Cluster } from '../../../shared/board/cluster'
import type { Note } from '../../../shared/board/note'
import { translate, useLocale, type MessageKey } from '../i18n'
import { LANE_FILL, NOTE_FILL } from './BoardCanvas'

export const PNG_PIXEL_RATIO = 2
/** White room around the board, and the band above it with the title (board units). */
const MARGIN = 32
const TITLE_HEIGHT = 56
/** Largest image side and area (device pixels) browsers reliably draw and encode. */
const MAX_SIDE = 16_384
const MAX_PIXELS = 64_000_000
/** Below this the image would be unreadable; the board is then too large for one image. */
const MIN_PIXEL_RATIO = 0.25

/** Cells are the lane colours (LANE_FILL, as on the board) at 45 % over white. */
const cellFill = (kind: string): string => {
  const hex = LANE_FILL[kind]
  if (!hex) return '#ffffff'
  const mix = (i: number) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * 0.45)
  return `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`
}

export interface BoardImageInput {
  layout: BoardLayout
  notes: readonly Note[]
  clusters: readonly Cluster[]
  emotions: Record<string, number>
  title: string
  /** The last closed round's counts by note or cluster id, drawn as badges as on the board. */
  results?: { title: string; votes: Record<string, number> } | undefined
}

/** A vote count in a purple disc, as BoardCanvas draws it (top-right of a note or frame). */
function badge(count: number, x: number, y: number, ring: boolean): Konva.Group {
  const group = new Konva.Group({ x, y })
  group.add(new Konva.Circle({ x: 15, y: 12, radius: 14, fill: '#7c3aed', ...(ring && { stroke: '#ffffff', strokeWidth: 2 }) }))
  group.add(new Konva.Text({ x: 0, y: 4, width: 30, align: 'center', text: String(count), fontSize: 15, fontStyle: 'bold', fill: '#ffffff' }))
  return group
}

function grid(layout: BoardLayout, emotionLabel: string): Konva.Group {
  const group = new Konva.Group()
  const { columns, rows, emotion, stagesLeft } = layout
  for (const c of columns) {
    group.add(new Konva.Rect({ x: c.x, y: 0, width: c.width, height: LAYOUT.stageHeaderHeight, fill: '#1f3a8a', stroke: '#ffffff', strokeWidth: 2 }))
    group.add(
      new Konva.Text({
        x: c.x + 12,
        y: 0,
        width: c.width - 24,
        height: LAYOUT.stageHeaderHeight,
        text: c.title,
        fill: '#ffffff',
        fontSize: 18,
        fontStyle: 'bold',
        verticalAlign: 'middle',
        ellipsis: true,
        wrap: 'none',
      }),
    )
    group.add(new Konva.Rect({ x: c.x, y: emotion.y, width: c.width, height: emotion.height, fill: '#f8fafc', stroke: '#d0d5dd', strokeWidth: 1 }))
  }
  if (columns.length > 0 || rows.length > 0) {
    group.add(new Konva.Rect({ x: 0, y: emotion.y, width: stagesLeft, height: emotion.height, fill: '#e2e8f0', stroke: '#d0d5dd', strokeWidth: 1 }))
    group.add(
      new Konva.Text({
        x: 12,
        y: emotion.y,
        width: stagesLeft - 24,
        height: emotion.height,
        text: emotionLabel,
        fontSize: 15,
        fontStyle: 'bold',
        fill: '#334155',
        verticalAlign: 'middle',
      }),
    )
  }
  if (columns.length > 0) {
    const zero = emotionY(layout, 0)
    group.add(new Konva.Line({ points: [stagesLeft, zero, layout.width, zero], stroke: '#94a3b8', dash: [6, 6], strokeWidth: 1 }))
  }
  for (const r of rows) {
    group.add(new Konva.Rect({ x: 0, y: r.y, width: stagesLeft, height: r.height, fill: LANE_FILL[r.kind] ?? '#f8fafc', stroke: '#d0d5dd', strokeWidth: 1 }))
    group.add(
      new Konva.Text({ x: 12, y: r.y + 12, width: stagesLeft - 24, height: r.height - 24, text: r.title, fontSize: 15, fontStyle: 'bold', fill: '#334155' }),
    )
    const fill = cellFill(r.kind)
    for (const c of columns) {
      group.add(new Konva.Rect({ x: c.x, y: r.y, width: c.width, height: r.height, fill, stroke: '#d0d5dd', strokeWidth: 1 }))
    }
  }
  return group
}

function emotionCurve(layout: BoardLayout, emotions: Record<string, number>): Konva.Group {
  const group = new Konva.Group()
  const points = layout.columns.flatMap((c) => {
    const value = emotions[c.id]
    return value === undefined ? [] : [{ x: c.x + c.width / 2, y: emotionY(layout, value), value }]
  })
  if (points.length > 1) {
    group.add(new Konva.Line({ points: points.flatMap((p) => [p.x, p.y]), stroke: '#7c3aed', strokeWidth: 3, tension: 0.3, lineCap: 'round' }))
  }
  for (const p of points) {
    const fill = p.value < 0 ? '#dc2626' : p.value > 0 ? '#16a34a' : '#64748b'
    group.add(new Konva.Circle({ x: p.x, y: p.y, radius: 8, fill, stroke: '#ffffff', strokeWidth: 2 }))
  }
  return group
}

function clusterFrame(cluster: Cluster, rect: Rect, votes: number | undefined): Konva.Group {
  const group = new Konva.Group({ x: rect.x, y: rect.y })
  group.add(
    new Konva.Rect({ width: rect.width, height: rect.height, fill: 'rgba(124, 58, 237, 0.06)', stroke: '#7c3aed', strokeWidth: 2, dash: [8, 4], cornerRadius: 8 }),
  )
  group.add(new Konva.Rect({ y: -26, width: Math.min(rect.width, 40 + cluster.title.length * 8), height: 26, fill: '#7c3aed', cornerRadius: [6, 6, 0, 0] }))
  group.add(
    new Konva.Text({ x: 8, y: -21, width: rect.width - 16, text: cluster.title, fill: '#ffffff', fontSize: 14, fontStyle: 'bold', wrap: 'none', ellipsis: true }),
  )
  if (votes) group.add(badge(votes, rect.width - 22, -40, true))
  return group
}

function noteShape(note: Note, at: { x: number; y: number }, votes: number | undefined): Konva.Group {
  const group = new Konva.Group({ x: at.x, y: at.y })
  group.add(
    new Konva.Rect({
      width: LAYOUT.noteWidth,
      height: LAYOUT.noteHeight,
      fill: NOTE_FILL[note.color],
      cornerRadius: 4,
      stroke: '#c8ccd4',
      strokeWidth: 1,
    }),
  )
  group.add(
    new Konva.Text({
      width: LAYOUT.noteWidth,
      height: LAYOUT.noteHeight,
      padding: 8,
      text: note.text,
      fontSize: 14,
      lineHeight: 1.2,
      fill: '#1d2430',
      ellipsis: true,
    }),
  )
  if (votes) group.add(badge(votes, LAYOUT.noteWidth - 30, -10, false))
  return group
}

/**
 * The whole board as a PNG (2× pixel ratio; less only when a huge board would not fit in one
 * image, and an error when even a quarter would not). The offscreen stage is destroyed after.
 */
export async function boardToPng(input: BoardImageInput): Promise<Blob> {
  const { layout, notes, clusters, emotions, title, results } = input
  const votes = results?.votes ?? {}
  const locale = useLocale.getState().locale
  const t = (key: MessageKey) => translate(locale, key)

  const positions = new Map(notes.map((note) => [note.id, noteWorldPosition(layout, note)]))
  const frames = clusters.flatMap((cluster) => {
    const rect = notesBounds(
      notes.filter((n) => n.clusterId === cluster.id),
      positions,
      12,
    )
    return rect ? [{ cluster, rect }] : []
  })

  // The drawing: the layout and every note and frame (a frame's name sits 26 above it).
  let x0 = 0
  let y0 = 0
  let x1 = layout.width
  let y1 = layout.height
  for (const [id, p] of positions) {
    x0 = Math.min(x0, p.x)
    // A note's badge rises 10 above it.
    y0 = Math.min(y0, votes[id] ? p.y - 10 : p.y)
    x1 = Math.max(x1, p.x + LAYOUT.noteWidth)
    y1 = Math.max(y1, p.y + LAYOUT.noteHeight)
  }
  for (const { cluster, rect } of frames) {
    x0 = Math.min(x0, rect.x)
    // The name tab is 26 high; a badge rises 40 above the frame.
    y0 = Math.min(y0, rect.y - (votes[cluster.id] ? 40 : 26))
    x1 = Math.max(x1, rect.x + rect.width)
    y1 = Math.max(y1, rect.y + rect.height)
  }
  const width = Math.ceil(Math.max(x1 - x0, 480) + 2 * MARGIN)
  const height = Math.ceil(y1 - y0 + TITLE_HEIGHT + 2 * MARGIN)
  const pixelRatio = Math.min(PNG_PIXEL_RATIO, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)))
  if (!(pixelRatio >= MIN_PIXEL_RATIO)) throw new Error(t('pngTooLarge'))

  // A stage of its own on a detached element: nothing is shown, nothing is culled.
  const container = document.createElement('div')
  const stage = new Konva.Stage({ container, width, height, listening: false })
  try {
    const layer = new Konva.Layer({ listening: false })
    layer.add(new Konva.Rect({ width, height, fill: '#ffffff' }))
    // What the badges count, at the right of the title band: "Results: Ideas".
    let legendWidth = 0
    if (results && Object.values(results.votes).some((count) => count > 0)) {
      const bandMiddle = MARGIN + (TITLE_HEIGHT - 16) / 2
      const label = new Konva.Text({ y: MARGIN, height: TITLE_HEIGHT - 16, text: translate(locale, 'resultsOf', { title: results.title }), fontSize: 16, fill: '#475467', verticalAlign: 'middle', wrap: 'none' })
      label.x(width - MARGIN - label.width())
      legendWidth = label.width() + 40
      layer.add(new Konva.Circle({ x: label.x() - 20, y: bandMiddle, radius: 10, fill: '#7c3aed' }), label)
    }
    layer.add(
      new Konva.Text({
        x: MARGIN,
        y: MARGIN,
        width: Math.max(width - 2 * MARGIN - legendWidth, 40),
        height: TITLE_HEIGHT - 16,
        text: title,
        fontSize: 28,
        fontStyle: 'bold',
        fill: '#1d2430',
        verticalAlign: 'middle',
        wrap: 'none',
        ellipsis: true,
      }),
    )
    const board = new Konva.Group({ x: MARGIN - x0, y: MARGIN + TITLE_HEIGHT - y0 })
    board.add(grid(layout, t('emotionCurve')))
    board.add(emotionCurve(layout, emotions))
    for (const { cluster, rect } of frames) board.add(clusterFrame(cluster, rect, votes[cluster.id]))
    for (const note of notes) board.add(noteShape(note, positions.get(note.id) ?? { x: note.x, y: note.y }, votes[note.id]))
    layer.add(board)
    stage.add(layer)
    try {
      return await stage.toBlob({ pixelRatio, mimeType: 'image/png' })
    } catch (error) {
      throw new Error(t('pngFailed'), { cause: error })
    }
  } finally {
    stage.destroy()
  }
}
