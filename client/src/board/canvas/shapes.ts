/**
 * How the board looks, once: colours, sizes and pure functions that describe each drawn thing
 * as Konva attributes. The live board (react-konva components in this folder) spreads them
 * into its elements; the PNG export (../png.ts, plain Konva) passes them to `new Konva.X(…)`.
 * A change of look is made here and shows in both.
 *
 * Nothing here draws or reads state: every function returns fresh attribute objects (or
 * lists of shape descriptions) from its arguments.
 */
import type Konva from 'konva'
import { emotionY, LAYOUT, notesBounds, type BoardLayout, type Rect } from '../../../../shared/board/layout'
import { NOTE_FONT, NOTE_FOOTER, NOTE_PADDING } from '../../../../shared/board/note-fit'
import type { Cluster } from '../../../../shared/board/cluster'
import type { Note, NoteColor } from '../../../../shared/board/note'

// ---------------------------------------------------------------------------------------------
// Colours.

export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fff3a8',
  pink: '#ffc9de',
  blue: '#c6e2ff',
  green: '#c9f2c7',
  orange: '#ffd8a8',
  purple: '#e0cffc',
  white: '#ffffff',
}

export const LANE_FILL: Record<string, string> = {
  actions: '#eef2ff',
  touchpoints: '#ecfeff',
  departments: '#f5f3ff',
  thoughts: '#fdf4ff',
  pains: '#fff1f2',
  employee: '#fefce8',
  data: '#f0fdf4',
  opportunities: '#fff7ed',
  custom: '#f8fafc',
}

/** Lane colours at 45 % over white, for the cells (opaque: no blending in every frame). */
const CELL_FILL: Record<string, string> = Object.fromEntries(
  Object.entries(LANE_FILL).map(([kind, hex]) => {
    const mix = (i: number) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * 0.45)
    return [kind, `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`]
  }),
)

export const cellFill = (laneKind: string): string => CELL_FILL[laneKind] ?? '#ffffff'

/** Purple of clusters, vote badges and the emotion curve. */
export const ACCENT = '#7c3aed'
/** Blue of the selection and of my dots. */
export const SELECTION = '#2454d6'
const GRID_STROKE = '#d0d5dd'
const HEADER_FILL = '#1f3a8a'
const LABEL_FILL = '#334155'
const NOTE_TEXT = '#1d2430'

// ---------------------------------------------------------------------------------------------
// Shape descriptions: a kind and its attributes, drawn by either renderer.

export type ShapeSpec =
  | { type: 'rect'; key: string; attrs: Konva.RectConfig }
  | { type: 'text'; key: string; attrs: Konva.TextConfig }
  | { type: 'line'; key: string; attrs: Konva.LineConfig }
  | { type: 'circle'; key: string; attrs: Konva.CircleConfig }

const rect = (key: string, attrs: Konva.RectConfig): ShapeSpec => ({ type: 'rect', key, attrs })
const text = (key: string, attrs: Konva.TextConfig): ShapeSpec => ({ type: 'text', key, attrs })
const line = (key: string, attrs: Konva.LineConfig): ShapeSpec => ({ type: 'line', key, attrs })
const circle = (key: string, attrs: Konva.CircleConfig): ShapeSpec => ({ type: 'circle', key, attrs })

// ---------------------------------------------------------------------------------------------
// The grid: stage headers, the emotion row, lane headers and cells.

/**
 * The swimlane grid, back to front. `labelWhenEmpty`: whether the emotion row's label is drawn
 * on a board with neither stages nor lanes (the live board does; the PNG leaves it out).
 */
/**
 * How much larger stage and lane titles are drawn at this zoom: enough for 12 px on screen,
 * up to 4×, in half steps (so the grid is redrawn at a few zoom levels only, not at every step).
 */
export function labelZoom(scale: number): number {
  const wanted = Math.min(4, Math.max(1, 12 / (15 * Math.max(scale, 0.01))))
  return Math.ceil(wanted * 2) / 2
}

/** A font size up to `wanted` at which the longest word of `title` still fits `width` (bold). */
function fittingFont(title: string, width: number, base: number, wanted: number): number {
  const longest = Math.max(1, ...title.split(/\s+/).map((word) => word.length))
  return Math.max(base, Math.min(wanted, width / (longest * 0.62)))
}

export function gridShapes(layout: BoardLayout, emotionLabel: string, { labelWhenEmpty = true, labels = 1 }: { labelWhenEmpty?: boolean; labels?: number } = {}): ShapeSpec[] {
  const { columns, rows, emotion, stagesLeft } = layout
  const shapes: ShapeSpec[] = []
  for (const c of columns) {
    shapes.push(
      rect(`stage-${c.id}`, { x: c.x, y: 0, width: c.width, height: LAYOUT.stageHeaderHeight, fill: HEADER_FILL, stroke: '#ffffff', strokeWidth: 2, perfectDrawEnabled: false }),
      text(`stage-title-${c.id}`, {
        x: c.x + 12,
        y: 0,
        width: c.width - 24,
        height: LAYOUT.stageHeaderHeight,
        text: c.title,
        fill: '#ffffff',
        fontSize: Math.min(18 * labels, LAYOUT.stageHeaderHeight * 0.8),
        fontStyle: 'bold',
        verticalAlign: 'middle',
        ellipsis: true,
        wrap: 'none',
      }),
      rect(`emotion-${c.id}`, { x: c.x, y: emotion.y, width: c.width, height: emotion.height, fill: '#f8fafc', stroke: GRID_STROKE, strokeWidth: 1, perfectDrawEnabled: false }),
    )
  }
  if (labelWhenEmpty || columns.length > 0 || rows.length > 0) {
    shapes.push(
      rect('emotion-header', { x: 0, y: emotion.y, width: stagesLeft, height: emotion.height, fill: '#e2e8f0', stroke: GRID_STROKE, strokeWidth: 1 }),
      text('emotion-label', { x: 12, y: emotion.y, width: stagesLeft - 24, height: emotion.height, text: emotionLabel, fontSize: fittingFont(emotionLabel, stagesLeft - 24, 15, 15 * labels), fontStyle: 'bold', fill: LABEL_FILL, verticalAlign: 'middle' }),
    )
  }
  if (columns.length > 0) {
    const zero = emotionY(layout, 0)
    shapes.push(line('emotion-zero', { points: [stagesLeft, zero, layout.width, zero], stroke: '#94a3b8', dash: [6, 6], strokeWidth: 1 }))
  }
  for (const r of rows) {
    shapes.push(
      rect(`lane-${r.id}`, { x: 0, y: r.y, width: stagesLeft, height: r.height, fill: LANE_FILL[r.kind] ?? '#f8fafc', stroke: GRID_STROKE, strokeWidth: 1, perfectDrawEnabled: false }),
      text(`lane-title-${r.id}`, { x: 12, y: r.y + 12, width: stagesLeft - 24, height: r.height - 24, text: r.title, fontSize: fittingFont(r.title, stagesLeft - 24, 15, 15 * labels), fontStyle: 'bold', fill: LABEL_FILL }),
    )
    const fill = cellFill(r.kind)
    for (const c of columns) {
      shapes.push(rect(`cell-${r.id}-${c.id}`, { x: c.x, y: r.y, width: c.width, height: r.height, fill, stroke: GRID_STROKE, strokeWidth: 1, perfectDrawEnabled: false }))
    }
  }
  return shapes
}

// ---------------------------------------------------------------------------------------------
// The emotion curve.

const moodFill = (value: number) => (value < 0 ? '#dc2626' : value > 0 ? '#16a34a' : '#64748b')

/** The curve through the stages' emotions and a dot per stage (red below zero, green above). */
export function emotionCurveShapes(layout: BoardLayout, emotions: Record<string, number>): ShapeSpec[] {
  const points = layout.columns.flatMap((c) => {
    const value = emotions[c.id]
    return value === undefined ? [] : [{ id: c.id, x: c.x + c.width / 2, y: emotionY(layout, value), value }]
  })
  const shapes: ShapeSpec[] = []
  if (points.length > 1) shapes.push(line('curve', { points: points.flatMap((p) => [p.x, p.y]), stroke: ACCENT, strokeWidth: 3, tension: 0.3, lineCap: 'round' }))
  for (const p of points) shapes.push(circle(`dot-${p.id}`, { x: p.x, y: p.y, radius: 8, fill: moodFill(p.value), stroke: '#ffffff', strokeWidth: 2 }))
  return shapes
}

// ---------------------------------------------------------------------------------------------
// Notes.

const PRIVATE_DASH = [6, 4]
const NO_DASH: number[] = []

/** How a note is marked on the live board (the PNG draws a note in none of these states). */
export interface NoteMarks {
  selected?: boolean
  /** The colour of whoever is editing it. */
  editedBy?: string | undefined
  /** Only I can see it (private writing): a dashed, darker border. */
  isPrivate?: boolean
}

/** The note's card, at its group's origin; `height` is the laid-out note's (shared/board/note-fit.ts). */
export function noteBox(color: NoteColor, { selected = false, editedBy, isPrivate = false }: NoteMarks = {}, height: number = LAYOUT.noteHeight): Konva.RectConfig {
  return {
    width: LAYOUT.noteWidth,
    height,
    fill: NOTE_FILL[color],
    cornerRadius: 4,
    stroke: selected ? SELECTION : (editedBy ?? (isPrivate ? '#475467' : '#c8ccd4')),
    strokeWidth: selected || editedBy ? 3 : isPrivate ? 2 : 1,
    dash: isPrivate ? PRIVATE_DASH : NO_DASH,
    perfectDrawEnabled: false,
    shadowForStrokeEnabled: false,
  }
}

/** A note on its way somewhere (a drag, ours or someone's): lifted, with a blue border. */
export function noteGhostBox(color: NoteColor, height: number = LAYOUT.noteHeight): Konva.RectConfig {
  return { width: LAYOUT.noteWidth, height, fill: NOTE_FILL[color], cornerRadius: 4, stroke: SELECTION, strokeWidth: 2, shadowColor: '#000', shadowBlur: 8, shadowOpacity: 0.2 }
}

/**
 * How much of a note is drawn at a zoom. `full`: all its text (at least 12 px at 100 %). Where
 * that would be under ~6 px on screen (below 50 %) only the first words, larger: `title` (24 px,
 * 6–12 px on screen) and below 25 % `headline` (40 px).
 */
export type NoteDetail = 'full' | 'title' | 'headline'
export const noteDetail = (scale: number): NoteDetail => (scale >= 0.5 ? 'full' : scale >= 0.25 ? 'title' : 'headline')
const TITLE_FONT: Record<Exclude<NoteDetail, 'full'>, number> = { title: 24, headline: 40 }

/**
 * The note's text at `fontSize` in a note `height` tall (both from the layout), leaving room at
 * the bottom for the author's name and dots; or, zoomed far out, its first words in large print.
 */
export function noteText(value: string, { fontSize = NOTE_FONT.max, height = LAYOUT.noteHeight, detail = 'full' }: { fontSize?: number; height?: number; detail?: NoteDetail } = {}): Konva.TextConfig {
  const full = detail === 'full'
  return {
    width: LAYOUT.noteWidth,
    height: full ? height - NOTE_FOOTER : height,
    padding: full ? NOTE_PADDING : 6,
    text: value,
    fontSize: full ? fontSize : TITLE_FONT[detail],
    fontStyle: full ? 'normal' : 'bold',
    lineHeight: full ? NOTE_FONT.lineHeight : 1.05,
    fill: NOTE_TEXT,
    ellipsis: true,
    listening: false,
    perfectDrawEnabled: false,
  }
}

/** The author's name at the bottom of a note `height` tall, left of my dots. */
export function noteAuthor(name: string, dots: number, height: number = LAYOUT.noteHeight): Konva.TextConfig {
  return { x: 8, y: height - 16, width: LAYOUT.noteWidth - 16 - dots * 14, text: name, fontSize: 10, fill: '#475467', wrap: 'none', ellipsis: true, listening: false, perfectDrawEnabled: false }
}

// ---------------------------------------------------------------------------------------------
// Votes: my dots in the open round, and a round's total as a badge.

/** My `i`-th dot, right to left from (right, y). */
export function voteDot(i: number, right: number, y: number): Konva.CircleConfig {
  return { x: right - 12 - i * 14, y, radius: 6, fill: SELECTION, stroke: '#ffffff', strokeWidth: 1, listening: false }
}

/** Where my dots sit: along a note's bottom edge, or on a cluster's name tab. */
export const noteDotsRow = (height: number = LAYOUT.noteHeight) => ({ right: LAYOUT.noteWidth, y: height - 12 })
export const clusterDotsRow = (frame: Rect) => ({ right: frame.width, y: -13 })

/** How far a badge rises above a note, and above a cluster frame. */
export const NOTE_BADGE_RISE = 10
export const CLUSTER_BADGE_RISE = 40

/** A round's total in a purple disc (30 × 26), top-right of a note or a cluster frame. */
export function voteBadge(count: number, on: 'note' | 'cluster', frameWidth = 0): { group: Konva.ContainerConfig; disc: Konva.CircleConfig; label: Konva.TextConfig } {
  // A cluster's badge sits on its dashed frame: a white ring sets it off.
  const ring = on === 'cluster'
  return {
    group: on === 'note' ? { x: LAYOUT.noteWidth - 30, y: -NOTE_BADGE_RISE, listening: false } : { x: frameWidth - 22, y: -CLUSTER_BADGE_RISE, listening: false },
    disc: { x: 15, y: 12, radius: 14, fill: ACCENT, ...(ring && { stroke: '#ffffff', strokeWidth: 2 }) },
    label: { x: 0, y: 4, width: 30, align: 'center', text: String(count), fontSize: 15, fontStyle: 'bold', fill: '#ffffff' },
  }
}

// ---------------------------------------------------------------------------------------------
// Clusters.

/** Room between a cluster's notes and its frame; the name tab's height above the frame. */
export const CLUSTER_PADDING = 12
export const CLUSTER_TAB_HEIGHT = 26

/** Cluster frames: the bounds of their notes with some room around them (empty clusters have none). */
export function clusterFrames(clusters: readonly Cluster[], notes: readonly Note[], positions: Map<string, { x: number; y: number; width?: number; height?: number }>): Array<{ cluster: Cluster; rect: Rect }> {
  return clusters.flatMap((cluster) => {
    const rect = notesBounds(
      notes.filter((n) => n.clusterId === cluster.id),
      positions,
      CLUSTER_PADDING,
    )
    return rect ? [{ cluster, rect }] : []
  })
}

/** The frame, its name tab and the name, at the frame's group origin. */
export function clusterShapes(title: string, frame: Rect): { frame: Konva.RectConfig; tab: Konva.RectConfig; name: Konva.TextConfig } {
  return {
    frame: { width: frame.width, height: frame.height, fill: 'rgba(124, 58, 237, 0.06)', stroke: ACCENT, strokeWidth: 2, dash: [8, 4], cornerRadius: 8 },
    tab: { y: -CLUSTER_TAB_HEIGHT, width: Math.min(frame.width, 40 + title.length * 8), height: CLUSTER_TAB_HEIGHT, fill: ACCENT, cornerRadius: [6, 6, 0, 0] },
    name: { x: 8, y: -21, width: frame.width - 16, text: title, fill: '#ffffff', fontSize: 14, fontStyle: 'bold', wrap: 'none', ellipsis: true },
  }
}

// ---------------------------------------------------------------------------------------------
// Other people's cursors (live board only).

/** A pointer in the person's colour with their name on a tab, at screen size (scale 1). */
export function cursorShapes(name: string, color: string): { arrow: Konva.LineConfig; tab: Konva.RectConfig; label: Konva.TextConfig } {
  return {
    arrow: { points: [0, 0, 0, 18, 5, 14, 12, 14], closed: true, fill: color, stroke: '#ffffff', strokeWidth: 1 },
    tab: { x: 10, y: 16, width: Math.min(160, 12 + name.length * 7.5), height: 20, fill: color, cornerRadius: 4 },
    label: { x: 16, y: 19, text: name, fill: '#ffffff', fontSize: 13, width: 150, wrap: 'none', ellipsis: true },
  }
}
