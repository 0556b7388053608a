/**
 * The arithmetic of the view (pure): where the board opens, fitting a rectangle, centring on a
 * point, zoom steps. A viewport maps board point b to screen point b × scale + (x, y).
 */
import { zoomAt, type BoardLayout, type Rect } from '../../../../shared/board/layout'
import type { Viewport } from '../../store'

/** One step of the zoom keys and buttons. */
export const ZOOM_STEP = 1.25
/** Least and greatest zoom (the same as the wheel's and pinch's). */
export const ZOOM_MIN = 0.1
export const ZOOM_MAX = 4
/** Note text is readable from this many screen pixels up (the board opens no smaller). */
export const READABLE_TEXT_PX = 12
/** Margin around the board when it is fitted, in screen pixels. */
const MARGIN = 24

const clampScale = (scale: number) => Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, scale))

/**
 * The view a board opens at on a canvas of `width`×`height`: the whole board when its text is
 * readable so; else the board's width, from the top; else the first stages from the top-left
 * corner at 100 % (or more, should note text be under READABLE_TEXT_PX at 100 %).
 */
export function openingViewport(layout: BoardLayout, width: number, height: number, noteFontPx: number): Viewport {
  const readable = READABLE_TEXT_PX / noteFontPx
  const whole = Math.min((width - 2 * MARGIN) / Math.max(1, layout.width), (height - 2 * MARGIN) / Math.max(1, layout.height))
  if (whole >= readable) return fitRect({ x: 0, y: 0, width: layout.width, height: layout.height }, width, height, Math.max(readable, Math.min(whole, 1.5)))
  const acrossWidth = (width - 2 * MARGIN) / Math.max(1, layout.width)
  if (acrossWidth >= readable) return { scale: acrossWidth, x: MARGIN, y: MARGIN }
  return { scale: Math.max(1, readable), x: MARGIN / 2, y: MARGIN / 2 }
}

/** The least zoom a lane is shown at by `laneViewport`: its labels stay readable (a phone scrolls across). */
const LANE_MIN_SCALE = 0.45

/**
 * The view onto one lane (the data lane, issue #12): all stages across when that is readable,
 * else from the lane titles at LANE_MIN_SCALE; never above 100 %. Vertically the lane in the
 * middle when it fits, else its `focus` part (the metrics under its notes) from the top.
 */
export function laneViewport(layout: BoardLayout, row: { y: number; height: number }, width: number, height: number, focus: { y: number; height: number } = row): Viewport {
  const across = (width - 2 * MARGIN) / Math.max(1, layout.width)
  const tall = (height - 2 * MARGIN) / Math.max(1, row.height)
  const scale = clampScale(Math.min(1, Math.max(LANE_MIN_SCALE, Math.min(across, tall))))
  const x = across >= scale ? width / 2 - (layout.width / 2) * scale : MARGIN
  const y = tall >= scale ? height / 2 - (row.y + row.height / 2) * scale : MARGIN - focus.y * scale
  return { scale, x, y }
}

/** The view showing `rect` whole and centred, no larger than `maxScale`. */
export function fitRect(rect: Rect, width: number, height: number, maxScale = 2, margin = MARGIN): Viewport {
  const scale = clampScale(
    Math.min(maxScale, (width - 2 * margin) / Math.max(1, rect.width), (height - 2 * margin) / Math.max(1, rect.height)),
  )
  return { scale, x: width / 2 - (rect.x + rect.width / 2) * scale, y: height / 2 - (rect.y + rect.height / 2) * scale }
}

/** The same zoom, with board point (bx, by) in the middle of a `width`×`height` canvas. */
export function centreOn(view: Viewport, bx: number, by: number, width: number, height: number): Viewport {
  return { scale: view.scale, x: width / 2 - bx * view.scale, y: height / 2 - by * view.scale }
}

/** Zoom by `factor` around screen point (px, py), within ZOOM_MIN … ZOOM_MAX. */
export function zoomAround(view: Viewport, px: number, py: number, factor: number): Viewport {
  return zoomAt(view, px, py, factor, { min: ZOOM_MIN, max: ZOOM_MAX })
}

/** Zoom to exactly `scale` around screen point (px, py). */
export function zoomTo(view: Viewport, px: number, py: number, scale: number): Viewport {
  return zoomAround(view, px, py, scale / view.scale)
}

/** The board rectangle a view shows on a `width`×`height` canvas. */
export function visibleRect(view: Viewport, width: number, height: number): Rect {
  return { x: -view.x / view.scale, y: -view.y / view.scale, width: width / view.scale, height: height / view.scale }
}
