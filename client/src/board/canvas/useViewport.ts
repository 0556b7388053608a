/**
 * The stage's size and viewport. While panning or zooming the stage moves imperatively (the
 * `liveRef` viewport) and the store's viewport is committed once it comes to rest (see
 * useMotionBitmap); changes of the store's viewport from elsewhere (zoom buttons and keys,
 * fit, follow me, the minimap) go to the stage as they come. The board opens at a readable
 * zoom (./viewMath.ts `openingViewport`) once it has loaded and the size is known; a resize of
 * the window keeps the view's centre where it was, a panel opening beside it its left edge.
 */
import type Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { useStore } from 'zustand'
import type { BoardLayout } from '../../../../shared/board/layout'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi, type Viewport } from '../../store'
import { noteText } from './shapes'
import { openingViewport } from './viewMath'

export interface ViewportInput {
  container: RefObject<HTMLDivElement | null>
  stageRef: RefObject<Konva.Stage | null>
  liveRef: RefObject<Viewport>
  connection: WorkshopConnection
  layout: BoardLayout
  /** The view moved (the motion bitmap's clock). */
  moving(): void
}

/** Called with the live viewport whenever the stage moves (the zoom percentage, the minimap). */
export type LiveListener = (view: Viewport) => void

/** Moving one's own view is leaving the facilitator's ("follow me"); set only when it changes. */
export function leaveFollowing(): void {
  if (useUi.getState().following) useUi.getState().setFollowing(false)
}

/** Connections whose board has been shown at its opening view already. */
const opened = new WeakSet<object>()
/** The view a person had when the presenter view opened: given back when it closes. */
const beforePresenting = new WeakMap<object, Viewport>()

export function useViewport({ container, stageRef, liveRef, connection, layout, moving }: ViewportInput) {
  const [size, setSize] = useState({ width: 0, height: 0 })
  // The committed viewport (for culling, overlays).
  const viewport = useUi((s) => s.viewport)
  // The board is loaded and shown at its opening view (data-ready, for people's tools and tests).
  const [ready, setReady] = useState(false)
  const fitted = useRef(false)
  const sizeRef = useRef(size)
  const listeners = useRef(new Set<LiveListener>())

  useEffect(() => {
    const element = container.current
    if (!element) return
    let windowSize = { width: window.innerWidth, height: window.innerHeight }
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return
      const next = { width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) }
      const before = sizeRef.current
      const windowBefore = windowSize
      windowSize = { width: window.innerWidth, height: window.innerHeight }
      if (next.width === before.width && next.height === before.height) return
      sizeRef.current = next
      // A resized window keeps the middle of the view in the middle (what one looked at stays in
      // view). A board that narrows or shortens inside the same window — a side panel opening or
      // closing, a bar wrapping — keeps its left and top edges where they were: centring cut the
      // first stage off behind the left edge when the Data panel opened.
      if (fitted.current && before.width > 0 && next.width > 0) {
        const v = liveRef.current
        const dx = windowSize.width === windowBefore.width ? 0 : (next.width - before.width) / 2
        const dy = windowSize.height === windowBefore.height ? 0 : (next.height - before.height) / 2
        if (dx !== 0 || dy !== 0) useUi.getState().setViewport({ ...v, x: v.x + dx, y: v.y + dy })
      }
      setSize(next)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [container, liveRef])

  const loaded = useStore(connection.state, (s) => s.loaded)
  useEffect(() => {
    if (fitted.current || size.width === 0 || !loaded) return
    fitted.current = true
    // Once per open workshop: a canvas mounted again (the way back from the presenter view)
    // keeps the view the person had, instead of jumping to the opening view. The presenter view
    // itself opens by the same readable-zoom rule for its own (projector) size: the laptop's
    // view, squeezed beside the results, was too small to read.
    const presenting = useUi.getState().presenting
    const kept = beforePresenting.get(connection)
    if (presenting && opened.has(connection)) beforePresenting.set(connection, useUi.getState().viewport)
    if (!opened.has(connection) || presenting) {
      opened.add(connection)
      useUi.getState().setViewport(openingViewport(layout, size.width, size.height, noteText('').fontSize ?? 14))
    } else if (kept) {
      // Back from the presenter view: the view the person had before it opened.
      beforePresenting.delete(connection)
      useUi.getState().setViewport(kept)
    }
    setReady(true)
  }, [size, layout, loaded, connection])

  const applyToStage = useCallback(
    (v: Viewport) => {
      const stage = stageRef.current
      if (!stage) return
      stage.position({ x: v.x, y: v.y })
      stage.scale({ x: v.scale, y: v.scale })
      stage.batchDraw()
      for (const listener of listeners.current) listener(v)
    },
    [stageRef],
  )
  /** Moves the stage now (a gesture of this person's); the store follows at rest. */
  const moveView = useCallback(
    (v: Viewport) => {
      liveRef.current = v
      applyToStage(v)
      moving()
      leaveFollowing()
    },
    [liveRef, applyToStage, moving],
  )
  const subscribeLive = useCallback((listener: LiveListener) => {
    listeners.current.add(listener)
    return () => {
      listeners.current.delete(listener)
    }
  }, [])

  // What we look at, for whoever follows us (published once the view is at rest).
  useEffect(() => {
    if (size.width === 0) return
    connection.setPresence({
      view: { x: -viewport.x / viewport.scale, y: -viewport.y / viewport.scale, width: size.width / viewport.scale, height: size.height / viewport.scale },
    })
  }, [connection, viewport, size])
  // A new viewport in the store (not another change of the store: those used to put the stage
  // back to the last committed viewport in the middle of a pan) goes to the stage.
  useEffect(
    () =>
      useUi.subscribe((state, previous) => {
        if (state.viewport === previous.viewport) return
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

  return { size, viewport, ready, moveView, subscribeLive }
}
