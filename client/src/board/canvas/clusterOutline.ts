/**
 * The frames of a cluster, drawn around its own notes only: one frame per group of its notes
 * that lie together with no other note between them. Two parts are merged while the frame
 * around both would cover no other note; each side's padding shrinks to half the gap to a
 * neighbouring note, so no frame reaches under a note that is not the cluster's. A cluster
 * spread over stages gets one frame per place, each with its name.
 */
import { intersects, LAYOUT, type Rect } from '../../../../shared/board/layout'

export const OUTLINE_PADDING = 12
/** Parts further apart than this stay separate frames even with nothing between them. */
export const MERGE_GAP = 40

const box = (p: { x: number; y: number }): Rect => ({ x: p.x, y: p.y, width: LAYOUT.noteWidth, height: LAYOUT.noteHeight })
const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}
const gap = (a: Rect, b: Rect) => Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width), a.y - (b.y + b.height), b.y - (a.y + a.height))

/**
 * The frame rectangles of the cluster whose notes are drawn at `members`, with every other note
 * drawn at `others` (board coordinates of top-left corners). Sorted top-left first.
 */
export function clusterOutline(members: readonly { x: number; y: number }[], others: readonly { x: number; y: number }[]): Rect[] {
  if (members.length === 0) return []
  let parts = members.map(box)
  const whole = parts.reduce(union)
  const reach = OUTLINE_PADDING + MERGE_GAP
  const near = others.map(box).filter((o) => intersects(o, { x: whole.x - reach, y: whole.y - reach, width: whole.width + 2 * reach, height: whole.height + 2 * reach }))
  const covers = (r: Rect) => near.some((o) => intersects(o, r))
  for (let merged = true; merged; ) {
    merged = false
    outer: for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i] as Rect
        const b = parts[j] as Rect
        if (gap(a, b) > MERGE_GAP) continue
        const both = union(a, b)
        if (covers(both)) continue
        parts = [...parts.filter((_, k) => k !== i && k !== j), both]
        merged = true
        break outer
      }
    }
  }
  return parts.map((r) => pad(r, near)).sort((a, b) => a.y - b.y || a.x - b.x)
}

/** `r` grown by the padding on each side, less where another note is closer than that. */
function pad(r: Rect, others: readonly Rect[]): Rect {
  let left = OUTLINE_PADDING
  let right = OUTLINE_PADDING
  let top = OUTLINE_PADDING
  let bottom = OUTLINE_PADDING
  for (const o of others) {
    const besideRows = o.y < r.y + r.height + OUTLINE_PADDING && o.y + o.height > r.y - OUTLINE_PADDING
    const besideColumns = o.x < r.x + r.width + OUTLINE_PADDING && o.x + o.width > r.x - OUTLINE_PADDING
    if (besideRows && o.x + o.width <= r.x) left = Math.min(left, (r.x - o.x - o.width) / 2)
    if (besideRows && o.x >= r.x + r.width) right = Math.min(right, (o.x - r.x - r.width) / 2)
    if (besideColumns && o.y + o.height <= r.y) top = Math.min(top, (r.y - o.y - o.height) / 2)
    if (besideColumns && o.y >= r.y + r.height) bottom = Math.min(bottom, (o.y - r.y - r.height) / 2)
  }
  return { x: r.x - left, y: r.y - top, width: r.width + left + right, height: r.height + top + bottom }
}
