/**
 * Jumps of the view (zoom in, out, to 100 %, to fit, to the selection; centre on a point), for
 * the keys (./useViewKeys.ts), the zoom control and the minimap. Each is one move: the store's
 * viewport is set and the stage follows it (./useViewport.ts). Every one of them is the person
 * moving their own view, so it ends "follow me".
 */
import { useCallback, useLayoutEffect, useMemo, useRef, type RefObject } from 'react'
import { notesBounds, type BoardLayout } from '../../../../shared/board/layout'
import type { Note } from '../../../../shared/board/note'
import { useUi, type Viewport } from '../../store'
import { leaveFollowing } from './useViewport'
import { centreOn, fitRect, zoomAround, zoomTo, ZOOM_STEP } from './viewMath'

/** Room the zoom controls take at the canvas's bottom (CSS pixels, margin included). */
const CONTROLS_HEIGHT = 56

export interface NavigatorInput {
  liveRef: RefObject<Viewport>
  size: { width: number; height: number }
  layout: BoardLayout
  notes: readonly Note[]
  positions: Map<string, { x: number; y: number }>
}

export type Navigator = ReturnType<typeof useNavigator>

export function useNavigator({ liveRef, size, layout, notes, positions }: NavigatorInput) {
  const latest = useRef({ size, layout, notes, positions })
  useLayoutEffect(() => {
    latest.current = { size, layout, notes, positions }
  })
  const go = useCallback((v: Viewport) => {
    leaveFollowing()
    useUi.getState().setViewport(v)
  }, [])
  const zoomBy = useCallback(
    (factor: number) => {
      const { width, height } = latest.current.size
      go(zoomAround(liveRef.current, width / 2, height / 2, factor))
    },
    [go, liveRef],
  )
  const zoomToScale = useCallback(
    (scale: number) => {
      const { width, height } = latest.current.size
      go(zoomTo(liveRef.current, width / 2, height / 2, scale))
    },
    [go, liveRef],
  )
  const fitBoard = useCallback(() => {
    const { size: s, layout: l } = latest.current
    // Above the zoom controls: the board's bottom-right corner is not hidden under them.
    go(fitRect({ x: 0, y: 0, width: l.width, height: l.height }, s.width, Math.max(100, s.height - CONTROLS_HEIGHT)))
  }, [go])
  /** Shows the selected notes whole (nothing selected: nothing happens). */
  const fitSelection = useCallback(() => {
    const { size: s, notes: all, positions: p } = latest.current
    const selected = new Set(useUi.getState().selection)
    const bounds = notesBounds(
      all.filter((n) => selected.has(n.id)),
      p,
      16,
    )
    if (bounds) go(fitRect(bounds, s.width, s.height, 1.5))
  }, [go])
  const centreAt = useCallback(
    (bx: number, by: number) => {
      const { width, height } = latest.current.size
      go(centreOn(liveRef.current, bx, by, width, height))
    },
    [go, liveRef],
  )
  return useMemo(
    () => ({ zoomIn: () => zoomBy(ZOOM_STEP), zoomOut: () => zoomBy(1 / ZOOM_STEP), zoomToScale, fitBoard, fitSelection, centreAt }),
    [zoomBy, zoomToScale, fitBoard, fitSelection, centreAt],
  )
}
