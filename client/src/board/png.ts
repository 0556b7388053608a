/**
 * The whole board as a PNG at 2× pixel ratio. The on-screen stage draws only the notes in view
 * (and caches the grid at the current zoom), so the image is drawn on its own detached group
 * with plain Konva: the title, stage and lane headers, the grid, the emotion curve, the cluster
 * frames with their names, every note with its text and colour, and the vote counts of the
 * last closed round as badges (named in the title band; a note's on its corner, outside the
 * text, so that no word is hidden) — the board as BoardCanvas draws it
 * (the look of each thing comes from canvas/shapes.ts, shared with it),
 * minus what belongs to one person (selection, my dots, cursors). The image spans the layout
 * and every note, loose notes outside the grid included, on white. The notes are laid out
 * afresh (shared/board/layout.ts) from the stages and lanes of `layout` and exactly the notes
 * given, so notes left out (someone's private ones) leave no gaps.
 */
import Konva from 'konva'
import { SceneCanvas } from 'konva/lib/Canvas'
import { boardLayout, LAYOUT, type BoardLayout, type NoteRect, type Rect } from '../../../shared/board/layout'
import type { Cluster } from '../../../shared/board/cluster'
import type { Note } from '../../../shared/board/note'
import { translate, useLocale, type MessageKey } from '../i18n'
import {
  ACCENT,
  CLUSTER_BADGE_RISE,
  CLUSTER_TAB_HEIGHT,
  clusterFrames,
  clusterShapes,
  emotionCurveShapes,
  gridShapes,
  noteBox,
  noteText,
  voteBadge,
  type ShapeSpec,
} from './canvas/shapes'

export const PNG_PIXEL_RATIO = 2
/** Notes made into nodes between two pauses (about 20 ms of work each). */
const NOTES_PER_SLICE = 250

/** A pause until the browser's next task: input and painting go first. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
/** White room around the board, and the band above it with the title (board units). */
const MARGIN = 32
const TITLE_HEIGHT = 56
/** Largest image side and area (device pixels) browsers reliably draw and encode. */
const MAX_SIDE = 16_384
const MAX_PIXELS = 64_000_000
/** Below this the image would be unreadable; the board is then too large for one image. */
const MIN_PIXEL_RATIO = 0.25

export interface BoardImageInput {
  layout: BoardLayout
  notes: readonly Note[]
  clusters: readonly Cluster[]
  emotions: Record<string, number>
  title: string
  /** The last closed round's counts by note or cluster id, drawn as badges as on the board. */
  results?: { title: string; votes: Record<string, number> } | undefined
}

/** Shape descriptions (canvas/shapes.ts) as plain Konva nodes. */
function toKonva(shape: ShapeSpec): Konva.Shape {
  switch (shape.type) {
    case 'rect':
      return new Konva.Rect(shape.attrs)
    case 'text':
      return new Konva.Text(shape.attrs)
    case 'line':
      return new Konva.Line(shape.attrs)
    case 'circle':
      return new Konva.Circle(shape.attrs)
  }
}

function group(shapes: readonly ShapeSpec[]): Konva.Group {
  const result = new Konva.Group()
  for (const shape of shapes) result.add(toKonva(shape))
  return result
}

/**
 * Where a note's badge goes in the image: on its top-right corner, the disc's middle on the
 * corner, so it covers none of the text (which starts NOTE_PADDING below the top edge).
 */
const NOTE_BADGE_AT = { x: LAYOUT.noteWidth - 15, y: -12 - 12 }
/** How far the badge reaches above and to the right of its note. */
const NOTE_BADGE_OUT = { up: 26, right: 14 }

/** A vote count in a purple disc, as the board draws it (a note's outside its top-right corner, a frame's on it). */
function badge(count: number, on: 'note' | 'cluster', frameWidth?: number): Konva.Group {
  const attrs = voteBadge(count, on, frameWidth)
  const result = new Konva.Group(on === 'note' ? { ...attrs.group, ...NOTE_BADGE_AT } : attrs.group)
  result.add(new Konva.Circle(attrs.disc), new Konva.Text(attrs.label))
  return result
}

function clusterFrame(cluster: Cluster, rect: Rect, votes: number | undefined): Konva.Group {
  const result = new Konva.Group({ x: rect.x, y: rect.y })
  const shapes = clusterShapes(cluster.title, rect)
  result.add(new Konva.Rect(shapes.frame), new Konva.Rect(shapes.tab), new Konva.Text(shapes.name))
  if (votes) result.add(badge(votes, 'cluster', rect.width))
  return result
}

function noteShape(note: Note, at: NoteRect, votes: number | undefined): Konva.Group {
  const result = new Konva.Group({ x: at.x, y: at.y })
  result.add(new Konva.Rect(noteBox(note.color, {}, at.height)), new Konva.Text(noteText(note.text, { fontSize: at.fontSize, height: at.height })))
  if (votes) result.add(badge(votes, 'note'))
  return result
}

/**
 * The whole board as a PNG (2× pixel ratio; less only when a huge board would not fit in one
 * image, and an error when even a quarter would not). The detached drawing is destroyed after.
 */
export async function boardToPng(input: BoardImageInput): Promise<Blob> {
  const { notes, clusters, emotions, title, results } = input
  // The page that asked (a report, a snapshot) paints first: laying out a big board's notes
  // takes a while, and is the picture's to wait for, not the page's.
  await nextTask()
  const layout = boardLayout(input.layout.columns, input.layout.rows, notes)
  const votes = results?.votes ?? {}
  const locale = useLocale.getState().locale
  const t = (key: MessageKey) => translate(locale, key)

  const positions = layout.notes
  const frames = clusterFrames(clusters, notes, positions)

  // The drawing: the layout and every note and frame (a frame's name sits 26 above it).
  let x0 = 0
  let y0 = 0
  let x1 = layout.width
  let y1 = layout.height
  for (const [id, p] of positions) {
    x0 = Math.min(x0, p.x)
    // A note's badge sits outside its top-right corner.
    y0 = Math.min(y0, votes[id] ? p.y - NOTE_BADGE_OUT.up : p.y)
    x1 = Math.max(x1, p.x + LAYOUT.noteWidth + (votes[id] ? NOTE_BADGE_OUT.right : 0))
    y1 = Math.max(y1, p.y + p.height)
  }
  for (const { cluster, rect } of frames) {
    x0 = Math.min(x0, rect.x)
    // The name tab sits above the frame; a badge rises higher still.
    y0 = Math.min(y0, rect.y - (votes[cluster.id] ? CLUSTER_BADGE_RISE : CLUSTER_TAB_HEIGHT))
    x1 = Math.max(x1, rect.x + rect.width)
    y1 = Math.max(y1, rect.y + rect.height)
  }
  const width = Math.ceil(Math.max(x1 - x0, 480) + 2 * MARGIN)
  const height = Math.ceil(y1 - y0 + TITLE_HEIGHT + 2 * MARGIN)
  const pixelRatio = Math.min(PNG_PIXEL_RATIO, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)))
  if (!(pixelRatio >= MIN_PIXEL_RATIO)) throw new Error(t('pngTooLarge'))

  // A detached group, no stage: a stage's layer would draw the whole board once at 1× (on
  // canvases of the board's size) before the export drew it again — a 5,000-note board took
  // seconds that way.
  const root = new Konva.Group({ listening: false })
  try {
    root.add(new Konva.Rect({ width, height, fill: '#ffffff' }))
    // What the badges count, at the right of the title band: "Results: Ideas".
    let legendWidth = 0
    if (results && Object.values(results.votes).some((count) => count > 0)) {
      const bandMiddle = MARGIN + (TITLE_HEIGHT - 16) / 2
      const label = new Konva.Text({ y: MARGIN, height: TITLE_HEIGHT - 16, text: translate(locale, 'resultsOf', { title: results.title }), fontSize: 16, fill: '#475467', verticalAlign: 'middle', wrap: 'none' })
      label.x(width - MARGIN - label.width())
      legendWidth = label.width() + 40
      root.add(new Konva.Circle({ x: label.x() - 20, y: bandMiddle, radius: 10, fill: ACCENT }), label)
    }
    root.add(
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
    board.add(group(gridShapes(layout, t('emotionCurve'), { labelWhenEmpty: false })))
    board.add(group(emotionCurveShapes(layout, emotions)))
    for (const { cluster, rect } of frames) board.add(clusterFrame(cluster, rect, votes[cluster.id]))
    // Each note's text is measured and wrapped as its node is made (most of the work before the
    // drawing): in slices, giving the page back in between, so that a page drawing the picture
    // of a big board (the report, a snapshot) stays responsive meanwhile.
    let made = 0
    for (const note of notes) {
      const at = positions.get(note.id)
      if (at) board.add(noteShape(note, at, votes[note.id]))
      if (++made % NOTES_PER_SLICE === 0) await nextTask()
    }
    root.add(board)
    // Drawn onto one canvas of the image's size, in the order one drawing of `root` takes
    // (background, title, then the board's grid, curve, frames and notes), in slices with a
    // pause between, like the nodes above: a big board's drawing no longer holds the page.
    const canvas = new SceneCanvas({ width, height, pixelRatio })
    try {
      let drawn = 0
      for (const node of root.getChildren()) {
        for (const part of node === board ? board.getChildren() : [node]) {
          part.drawScene(canvas)
          if (++drawn % NOTES_PER_SLICE === 0) await nextTask()
        }
      }
      const blob = await new Promise<Blob | null>((resolve) => canvas._canvas.toBlob(resolve, 'image/png'))
      // The canvas reports a failed encoding (too large for this browser) with null.
      if (!blob) throw new Error('the canvas was not encoded')
      return blob
    } catch (error) {
      throw new Error(t('pngFailed'), { cause: error })
    } finally {
      Konva.Util.releaseCanvas(canvas._canvas)
    }
  } finally {
    root.destroy()
  }
}
