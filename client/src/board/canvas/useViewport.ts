/**
 * The stage's size and viewport. While panning or zooming the stage moves imperatively (the
 * `liveRef` viewport) and the store's viewport is committed once it comes to rest (see
 * useMotionBitmap); changes from elsewhere (zoom buttons, fit, follow me) go to the stage as
 * they come. The board is fitted into view once, when it has loaded and the size is known.
 */
import type Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { useStore } from 'zustand'
import { fitViewport, type BoardLayout } from '../../../../shared/board/layout'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi, type Viewport } from '../../store'

export interface ViewportInput {
  container: RefObject<HTMLDivElement | null>
  stageRef: RefObject<Konva.Stage | null>
  liveRef: RefObject<Viewport>
  connection: WorkshopConnection
  layout: BoardLayout
  /** The view moved (the motion bitmap's clock). */
  moving(): void
}

export function useViewport({ container, stageRef, liveRef, connection, layout, moving }: ViewportInput) {
  const [size, setSize] = useState({ width: 0, height: 0 })
  // The committed viewport (for culling, overlays).
  const viewport = useUi((s) => s.viewport)
  // The board is loaded and fitted into view (data-ready, for people's tools and tests).
  const [ready, setReady] = useState(false)
  const fitted = useRef(false)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [container])

  const loaded = useStore(connection.state, (s) => s.loaded)
  useEffect(() => {
    if (fitted.current || size.width === 0 || !loaded) return
    fitted.current = true
    useUi.getState().setViewport(fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, size.width, size.height))
    setReady(true)
  }, [size, layout, loaded])

  const applyToStage = useCallback(
    (v: Viewport) => {
      const stage = stageRef.current
      if (!stage) return
      stage.position({ x: v.x, y: v.y })
      stage.scale({ x: v.scale, y: v.scale })
      stage.batchDraw()
    },
    [stageRef],
  )
  /** Moves the stage now; the store follows at rest. */
  const moveView = useCallback(
    (v: Viewport) => {
      liveRef.current = v
      applyToStage(v)
      moving()
      // Moving one's own view is leaving the facilitator's ("follow me").
      useUi.getState().setFollowing(false)
    },
    [liveRef, applyToStage, moving],
  )
  /** The stage was dragged (panned) by Konva: take its position as the live viewport. */
  const followStageDrag = useCallback(() => {
    const stage = stageRef.current
    if (!stage) return
    liveRef.current = { x: stage.x(), y: stage.y(), scale: stage.scaleX() }
    moving()
    useUi.getState().setFollowing(false)
  }, [stageRef, liveRef, moving])

  // What we look at, for whoever follows us (published once the view is at rest).
  useEffect(() => {
    if (size.width === 0) return
    connection.setPresence({
      view: { x: -viewport.x / viewport.scale, y: -viewport.y / viewport.scale, width: size.width / viewport.scale, height: size.height / viewport.scale },
    })
  }, [connection, viewport, size])
  useEffect(
    () =>
      useUi.subscribe((state) => {
        const v = state.viewport
        const l = liveRef.current
        if (v.x !== l.x || v.y !== l.y || v.scale !== l.scale) {
          liveRef.current = v
          applyToStage(v)
        }
      }),
    [liveRef, applyToStage],
  )
  const hasStage = size.width > 0
  useLayoutEffect(() => {
    if (hasStage) applyToStage(liveRef.current)
  }, [hasStage, liveRef, applyToStage])

  return { size, viewport, ready, moveView, followStageDrag }
}
