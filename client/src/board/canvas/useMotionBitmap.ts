/**
 * The notes layer as one bitmap while it would cost too much to draw shape by shape:
 *
 * - While the view moves, the notes are drawn once into a bitmap at the current zoom and that
 *   bitmap is moved: a frame is one image instead of thousands of shapes and lines of text.
 *   Hit-testing is not redrawn either. At rest (IDLE_MS without motion) the viewport is
 *   committed to the store, the notes are drawn again, sharp, and culling catches up. A press
 *   on the board does not wait for that (`settle`): what is under the pointer must be hit, not
 *   taken for empty canvas (a trackpad's momentum scroll sends wheel events long after the
 *   fingers leave, and a double-click right after a wheel would otherwise add a note).
 * - While notes are dragged on a large board the others are frozen into one bitmap and only
 *   the ghosts of the dragged notes are drawn anew in each frame. A small board is drawn as it
 *   is. Changes from others meanwhile redraw the bitmap, at most every REFREEZE_MS: someone
 *   dragging a note still sees everyone else's edits, on a large board within a second.
 */
import type Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { Rect } from '../../../../shared/board/layout'
import { useUi, type Viewport } from '../../store'

/** Boards with more notes in view than this are frozen into a bitmap while notes are dragged. */
const DRAG_FREEZE_MIN_NOTES = 300
/** Least time between two redraws of that bitmap for others' changes during a drag … */
const REFREEZE_MS = 1000
/** … and at least this many times as long as the last redraw took. */
const REFREEZE_SHARE = 20
/** At rest this long after the last pan or zoom event, the notes are drawn sharp again. */
const IDLE_MS = 150
/** Largest bitmap of notes kept while moving. */
const MOTION_CACHE_PIXELS = 4_000_000
/** Resolution of that bitmap relative to the screen. */
const MOTION_RESOLUTION = 0.6

export interface MotionBitmapInput {
  /** The stage's live viewport (moves ahead of the store's while in motion). */
  liveRef: RefObject<Viewport>
  /** Bounds of the drawn notes: what the bitmap covers. */
  bounds: Rect | undefined
  /** Notes are being dragged (ours). */
  dragging: boolean
  /** How many notes are drawn. */
  drawnCount: number
  /**
   * What the bitmap shows (a new array only when a part changes: memoize it); during a drag it
   * is redrawn when any of it changes (by identity).
   */
  drawn: readonly unknown[]
}

export function useMotionBitmap({ liveRef, bounds, dragging, drawnCount, drawn }: MotionBitmapInput) {
  const notesLayer = useRef<Konva.Layer>(null)
  const notesGroup = useRef<Konva.Group>(null)
  const boundsRef = useRef(bounds)
  const drawnRef = useRef(drawn)
  // What the last committed render saw, for `freeze` (which stays the same function) and for
  // the bitmap made when a drag starts.
  useLayoutEffect(() => {
    boundsRef.current = bounds
    drawnRef.current = drawn
  })
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const motion = useRef(false)

  const commit = useCallback(() => {
    const v = liveRef.current
    const current = useUi.getState().viewport
    if (current.x !== v.x || current.y !== v.y || current.scale !== v.scale) useUi.getState().setViewport({ ...v })
  }, [liveRef])
  const freeze = useCallback(() => {
    const group = notesGroup.current
    if (!group || group.isCached() || group.getChildren().length === 0) return
    // The notes' bounds are known; asking Konva would measure every child.
    const rect = boundsRef.current
    if (!rect) return
    const area = Math.max(1, rect.width * rect.height)
    // Somewhat below screen resolution: the first frame of a motion builds the bitmap, and a
    // smaller one is built faster; the notes are drawn sharp again at rest.
    const wanted = liveRef.current.scale * (window.devicePixelRatio || 1) * MOTION_RESOLUTION
    group.cache({ ...rect, pixelRatio: Math.max(0.05, Math.min(wanted, Math.sqrt(MOTION_CACHE_PIXELS / area))) })
  }, [liveRef])
  const thaw = useCallback(() => {
    if (motion.current || useUi.getState().drag) return
    notesGroup.current?.clearCache()
    notesLayer.current?.batchDraw()
  }, [])
  /** The view moved: freeze (on the first event of a motion) and thaw IDLE_MS after the last. */
  const moving = useCallback(() => {
    if (!motion.current) {
      motion.current = true
      notesLayer.current?.listening(false)
      freeze()
    }
    clearTimeout(idleTimer.current)
    idleTimer.current = setTimeout(() => {
      motion.current = false
      notesLayer.current?.listening(true)
      commit()
      thaw()
    }, IDLE_MS)
  }, [commit, freeze, thaw])
  /**
   * A press: the motion is over now, not IDLE_MS later. The notes listen again and are drawn,
   * hit regions included, at once (synchronously: the press that called this is hit-tested
   * right after).
   */
  const settle = useCallback(() => {
    if (!motion.current) return
    clearTimeout(idleTimer.current)
    motion.current = false
    commit()
    const layer = notesLayer.current
    if (!layer) return
    layer.listening(true)
    if (!useUi.getState().drag) notesGroup.current?.clearCache()
    layer.draw()
  }, [commit])
  useEffect(() => () => clearTimeout(idleTimer.current), [])

  const freezeForDrag = dragging && drawnCount > DRAG_FREEZE_MIN_NOTES
  const frozenWith = useRef<readonly unknown[] | null>(null)
  const lastRefreeze = useRef(0)
  const refreezeCost = useRef(0)
  useLayoutEffect(() => {
    if (freezeForDrag) {
      const start = performance.now()
      freeze()
      frozenWith.current = drawnRef.current
      lastRefreeze.current = performance.now()
      refreezeCost.current = lastRefreeze.current - start
    } else thaw()
    // `drawn` is only read here when the bitmap is made, not a reason to make it again.
  }, [freezeForDrag, freeze, thaw])
  useEffect(() => {
    if (!freezeForDrag || drawn.every((part, i) => part === frozenWith.current?.[i])) return
    const refreeze = () => {
      frozenWith.current = drawn
      const group = notesGroup.current
      if (!group?.isCached() || motion.current) return
      const start = performance.now()
      group.clearCache()
      freeze()
      notesLayer.current?.batchDraw()
      lastRefreeze.current = performance.now()
      refreezeCost.current = lastRefreeze.current - start
    }
    // Redrawing the bitmap stalls the drag for as long as it takes (tens of ms for thousands of
    // notes): it happens at most every REFREEZE_MS, and never takes more than 1/REFREEZE_SHARE
    // of the time.
    const interval = Math.max(REFREEZE_MS, refreezeCost.current * REFREEZE_SHARE)
    const timer = setTimeout(refreeze, Math.max(0, lastRefreeze.current + interval - performance.now()))
    return () => clearTimeout(timer)
  }, [freezeForDrag, freeze, drawn])

  return { notesLayerRef: notesLayer, notesGroupRef: notesGroup, moving, settle }
}
