/**
 * The Konva whiteboard. Layers: the swimlane grid (static, cached while zoomed out), the
 * emotion curve, the notes (only those in view), and other people's cursors. Drags move
 * the notes locally and through awareness; the document is written once, on drop.
 */
import type Konva from 'konva'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Circle, Group, Layer, Line, Rect, Stage, Text } from 'react-konva'
import { useStore } from 'zustand'
import {
  emotionAt,
  emotionY,
  fitViewport,
  intersects,
  LAYOUT,
  notesBounds,
  noteWorldPosition,
  zoomAt,
  type BoardLayout,
  type Rect as BoardRect,
} from '../../../shared/board/layout'
import type { Cluster } from '../../../shared/board/cluster'
import { setEmotion } from '../../../shared/board/emotion'
import { readNote, type Note, type NoteColor } from '../../../shared/board/note'
import type { Phase } from '../../../shared/facilitation/phase-names'
import { useT } from '../i18n'
import { presenceName, type Presence, type WorkshopConnection } from '../sync/connection'
import { jsonEqual, useRemoteSelector } from '../sync/hooks'
import { useUi, type Viewport } from '../store'
import { addNoteAt, moveNotesBy, type NoteDocs } from './model'
import { authorFor, rememberOwn } from './own'

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

interface Props {
  connection: WorkshopConnection
  docs: NoteDocs
  layout: BoardLayout
  notes: Note[]
  emotions: Record<string, number>
  canEdit: boolean
  phase: Phase
  /** An open voting round: which notes take votes, my dots, and how to cast one. */
  voting: { eligible: Set<string>; mine: Record<string, number>; vote(noteId: string, delta: 1 | -1): unknown } | undefined
  /** Totals of the last closed round, by note id, shown on the notes. */
  results: Record<string, number> | undefined
  /** Anonymous mode: new notes carry no author, and no note shows one. */
  anonymous: boolean
  /** Author names by participant id (empty in anonymous mode). */
  authors: Record<string, string>
  clusters: Cluster[]
}

/** Lane colours at 45 % over white, for the cells (opaque: no blending in every frame). */
const CELL_FILL: Record<string, string> = Object.fromEntries(
  Object.entries(LANE_FILL).map(([kind, hex]) => {
    const mix = (i: number) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * 0.45)
    return [kind, `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`]
  }),
)

/** Largest bitmap of the grid. */
const GRID_CACHE_PIXELS = 12_000_000

// ---------------------------------------------------------------------------------------------
// Static grid.

const Grid = memo(function Grid({ layout, scale, emotionLabel }: { layout: BoardLayout; scale: number; emotionLabel: string }) {
  const ref = useRef<Konva.Group>(null)
  // The grid is drawn once into a bitmap at the current zoom (re-drawn when the zoom settles
  // or the stages and lanes change) and blitted in every frame.
  useEffect(() => {
    const group = ref.current
    if (!group || layout.width <= 0 || layout.height <= 0) return
    const budget = Math.sqrt(GRID_CACHE_PIXELS / (layout.width * layout.height))
    group.cache({ pixelRatio: Math.max(0.1, Math.min(scale * (window.devicePixelRatio || 1), budget)) })
  }, [layout, scale])
  const { columns, rows, emotion, stagesLeft } = layout
  return (
    <Group ref={ref} listening={false}>
      {columns.map((c) => (
        <Group key={c.id}>
          <Rect x={c.x} y={0} width={c.width} height={LAYOUT.stageHeaderHeight} fill="#1f3a8a" stroke="#ffffff" strokeWidth={2} perfectDrawEnabled={false} />
          <Text x={c.x + 12} y={0} width={c.width - 24} height={LAYOUT.stageHeaderHeight} text={c.title} fill="#ffffff" fontSize={18} fontStyle="bold" verticalAlign="middle" ellipsis wrap="none" />
          <Rect x={c.x} y={emotion.y} width={c.width} height={emotion.height} fill="#f8fafc" stroke="#d0d5dd" strokeWidth={1} perfectDrawEnabled={false} />
        </Group>
      ))}
      <Rect x={0} y={emotion.y} width={stagesLeft} height={emotion.height} fill="#e2e8f0" stroke="#d0d5dd" strokeWidth={1} />
      <Text x={12} y={emotion.y} width={stagesLeft - 24} height={emotion.height} text={emotionLabel} fontSize={15} fontStyle="bold" fill="#334155" verticalAlign="middle" />
      {columns.length > 0 && (
        <Line points={[stagesLeft, emotionY(layout, 0), layout.width, emotionY(layout, 0)]} stroke="#94a3b8" dash={[6, 6]} strokeWidth={1} />
      )}
      {rows.map((r) => (
        <Group key={r.id}>
          <Rect x={0} y={r.y} width={stagesLeft} height={r.height} fill={LANE_FILL[r.kind] ?? '#f8fafc'} stroke="#d0d5dd" strokeWidth={1} perfectDrawEnabled={false} />
          <Text x={12} y={r.y + 12} width={stagesLeft - 24} height={r.height - 24} text={r.title} fontSize={15} fontStyle="bold" fill="#334155" />
          {columns.map((c) => (
            <Rect key={c.id} x={c.x} y={r.y} width={c.width} height={r.height} fill={CELL_FILL[r.kind] ?? '#ffffff'} stroke="#d0d5dd" strokeWidth={1} perfectDrawEnabled={false} />
          ))}
        </Group>
      ))}
    </Group>
  )
})

// ---------------------------------------------------------------------------------------------
// Emotion curve.

const EmotionCurve = memo(function EmotionCurve({ layout, emotions }: { layout: BoardLayout; emotions: Record<string, number> }) {
  const points = layout.columns.flatMap((c) => {
    const value = emotions[c.id]
    return value === undefined ? [] : [{ id: c.id, x: c.x + c.width / 2, y: emotionY(layout, value), value }]
  })
  return (
    <Group listening={false}>
      {points.length > 1 && <Line points={points.flatMap((p) => [p.x, p.y])} stroke="#7c3aed" strokeWidth={3} tension={0.3} lineCap="round" />}
      {points.map((p) => (
        <Circle key={p.id} x={p.x} y={p.y} radius={8} fill={p.value < 0 ? '#dc2626' : p.value > 0 ? '#16a34a' : '#64748b'} stroke="#ffffff" strokeWidth={2} />
      ))}
    </Group>
  )
})

// ---------------------------------------------------------------------------------------------
// Notes.

interface NoteShapeProps {
  note: Note
  x: number
  y: number
  selected: boolean
  draggable: boolean
  /** Someone is dragging it: a ghost is drawn where it is going; the note itself is not shown. */
  hidden: boolean
  /** Only I can see it (private writing). */
  isPrivate: boolean
  /** My dots on it in the open round. */
  dots: number
  /** Its total in the last closed round. */
  badge: number | undefined
  /** The author's name, when shown. */
  author: string | undefined
  editedBy: string | undefined
  onPointerDown(id: string, additive: boolean): void
  onVoteClick(id: string, takeBack: boolean): void
  onEdit(id: string): void
  onDragStart(id: string): void
  onDragMove(id: string, dx: number, dy: number): void
  onDragEnd(id: string, dx: number, dy: number, node: Konva.Node): void
}

const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { note, x, y, selected, draggable, editedBy, hidden, dots, badge, isPrivate, author } = props
  const start = useRef({ x: 0, y: 0 })
  return (
    <Group
      x={x}
      y={y}
      opacity={hidden ? 0 : 1}
      name="note"
      id={note.id}
      draggable={draggable}
      onMouseDown={(e) => props.onPointerDown(note.id, e.evt.shiftKey || e.evt.metaKey || e.evt.ctrlKey)}
      onClick={(e) => props.onVoteClick(note.id, e.evt.altKey || e.evt.shiftKey)}
      onTap={() => {
        props.onPointerDown(note.id, false)
        props.onVoteClick(note.id, false)
      }}
      onDblClick={() => props.onEdit(note.id)}
      onDblTap={() => props.onEdit(note.id)}
      onDragStart={(e) => {
        start.current = { x: e.target.x(), y: e.target.y() }
        props.onDragStart(note.id)
      }}
      onDragMove={(e) => props.onDragMove(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y)}
      onDragEnd={(e) => props.onDragEnd(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y, e.target)}
    >
      <Rect
        width={LAYOUT.noteWidth}
        height={LAYOUT.noteHeight}
        fill={NOTE_FILL[note.color]}
        cornerRadius={4}
        stroke={selected ? '#2454d6' : (editedBy ?? (isPrivate ? '#475467' : '#c8ccd4'))}
        strokeWidth={selected || editedBy ? 3 : isPrivate ? 2 : 1}
        dash={isPrivate ? PRIVATE_DASH : NO_DASH}
        perfectDrawEnabled={false}
        shadowForStrokeEnabled={false}
      />
      <Text
        width={LAYOUT.noteWidth}
        height={author !== undefined ? LAYOUT.noteHeight - 14 : LAYOUT.noteHeight}
        padding={8}
        text={note.text}
        fontSize={14}
        lineHeight={1.2}
        fill="#1d2430"
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
      {author !== undefined && (
        <Text x={8} y={LAYOUT.noteHeight - 16} width={LAYOUT.noteWidth - 16 - dots * 14} text={author} fontSize={10} fill="#475467" wrap="none" ellipsis listening={false} perfectDrawEnabled={false} />
      )}
      {Array.from({ length: dots }, (_, i) => (
        <Circle key={i} x={LAYOUT.noteWidth - 12 - i * 14} y={LAYOUT.noteHeight - 12} radius={6} fill="#2454d6" stroke="#ffffff" strokeWidth={1} listening={false} />
      ))}
      {badge !== undefined && badge > 0 && (
        <Group x={LAYOUT.noteWidth - 30} y={-10} listening={false}>
          <Circle x={15} y={12} radius={14} fill="#7c3aed" />
          <Text x={0} y={4} width={30} align="center" text={String(badge)} fontSize={15} fontStyle="bold" fill="#ffffff" />
        </Group>
      )}
    </Group>
  )
})

/** A cluster: a frame around its notes with its name on a header that drags the whole group. */
const ClusterFrame = memo(function ClusterFrame(props: {
  cluster: Cluster
  rect: { x: number; y: number; width: number; height: number }
  draggable: boolean
  /** My dots on it in an open round on clusters. */
  dots: number
  /** Its total in the last closed round. */
  badge: number | undefined
  onVoteClick(id: string, takeBack: boolean): void
  onStart(id: string): void
  onMove(id: string, dx: number, dy: number): void
  onMoved(id: string, dx: number, dy: number): void
}) {
  const { cluster, rect, draggable, dots, badge, onStart, onMove, onMoved, onVoteClick } = props
  const start = useRef({ x: 0, y: 0 })
  return (
    <Group
      x={rect.x}
      y={rect.y}
      name="cluster"
      id={`cluster-${cluster.id}`}
      draggable={draggable}
      onClick={(e) => onVoteClick(cluster.id, e.evt.altKey || e.evt.shiftKey)}
      onTap={() => onVoteClick(cluster.id, false)}
      onDragStart={(e) => {
        start.current = { x: e.target.x(), y: e.target.y() }
        onStart(cluster.id)
      }}
      onDragMove={(e) => onMove(cluster.id, e.target.x() - start.current.x, e.target.y() - start.current.y)}
      onDragEnd={(e) => {
        const dx = e.target.x() - start.current.x
        const dy = e.target.y() - start.current.y
        e.target.position({ x: rect.x, y: rect.y })
        onMoved(cluster.id, dx, dy)
      }}
    >
      <Rect width={rect.width} height={rect.height} fill="rgba(124, 58, 237, 0.06)" stroke="#7c3aed" strokeWidth={2} dash={[8, 4]} cornerRadius={8} />
      <Rect width={Math.min(rect.width, 40 + cluster.title.length * 8)} height={26} y={-26} fill="#7c3aed" cornerRadius={[6, 6, 0, 0]} />
      <Text x={8} y={-21} text={cluster.title} fill="#ffffff" fontSize={14} fontStyle="bold" width={rect.width - 16} wrap="none" ellipsis />
      {Array.from({ length: dots }, (_, i) => (
        <Circle key={i} x={rect.width - 12 - i * 14} y={-13} radius={6} fill="#2454d6" stroke="#ffffff" strokeWidth={1} listening={false} />
      ))}
      {badge !== undefined && badge > 0 && (
        <Group x={rect.width - 22} y={-40} listening={false}>
          <Circle x={15} y={12} radius={14} fill="#7c3aed" stroke="#ffffff" strokeWidth={2} />
          <Text x={0} y={4} width={30} align="center" text={String(badge)} fontSize={15} fontStyle="bold" fill="#ffffff" />
        </Group>
      )}
    </Group>
  )
})

type RemoteDrags = Array<{ ids: string[]; dx: number; dy: number }>

const selectRemoteDrags = (states: Array<{ state: Presence }>): RemoteDrags =>
  states.flatMap(({ state }) => (state.drag && Array.isArray(state.drag.ids) ? [{ ids: state.drag.ids, dx: state.drag.dx, dy: state.drag.dy }] : []))

const selectEditors = (states: Array<{ state: Presence }>): Array<[string, string]> =>
  states.flatMap(({ state }) => (state.editing && state.user ? [[state.editing, state.user.color] as [string, string]] : []))

/** Notes on their way somewhere (our drag and others'), drawn at their live position. */
const DragGhosts = memo(function DragGhosts({
  awareness,
  notesById,
  positions,
}: {
  awareness: WorkshopConnection['awareness']
  notesById: Map<string, Note>
  positions: Map<string, { x: number; y: number }>
}) {
  const own = useUi((s) => s.drag)
  const remote = useRemoteSelector<Presence, RemoteDrags>(awareness, selectRemoteDrags)
  const moves = own ? [own, ...remote] : remote
  return (
    <Group listening={false}>
      {moves.flatMap((move) =>
        move.ids.map((id) => {
          const note = notesById.get(id)
          const p = positions.get(id)
          if (!note || !p) return null
          return (
            <Group key={id} name="note-ghost" x={p.x + move.dx} y={p.y + move.dy} opacity={0.9}>
              <Rect width={LAYOUT.noteWidth} height={LAYOUT.noteHeight} fill={NOTE_FILL[note.color]} cornerRadius={4} stroke="#2454d6" strokeWidth={2} shadowColor="#000" shadowBlur={8} shadowOpacity={0.2} />
              <Text width={LAYOUT.noteWidth} height={LAYOUT.noteHeight} padding={8} text={note.text} fontSize={14} lineHeight={1.2} fill="#1d2430" ellipsis />
            </Group>
          )
        }),
      )}
    </Group>
  )
})

/** Other people's pointers with their names. */
const Cursors = memo(function Cursors({ awareness, scale }: { awareness: WorkshopConnection['awareness']; scale: number }) {
  const t = useT()
  const cursors = useRemoteSelector<Presence, Array<{ clientId: number; x: number; y: number; name: string; color: string }>>(
    awareness,
    (states) =>
      states.flatMap(({ clientId, state }) =>
        state.cursor && state.user
          ? [{ clientId, x: state.cursor.x, y: state.cursor.y, name: presenceName(state.user, (role) => t(role === 'facilitator' ? 'facilitatorRole' : 'viewerRole')), color: state.user.color }]
          : [],
      ),
  )
  return (
    <>
      {cursors.map((c) => (
        <Group key={c.clientId} x={c.x} y={c.y} scaleX={1 / scale} scaleY={1 / scale}>
          <Line points={[0, 0, 0, 18, 5, 14, 12, 14]} closed fill={c.color} stroke="#ffffff" strokeWidth={1} />
          <Rect x={10} y={16} width={Math.min(160, 12 + c.name.length * 7.5)} height={20} fill={c.color} cornerRadius={4} />
          <Text x={16} y={19} text={c.name} fill="#ffffff" fontSize={13} width={150} wrap="none" ellipsis />
        </Group>
      ))}
    </>
  )
})

const NO_IDS: string[] = []

const PRIVATE_DASH = [6, 4]
const NO_DASH: number[] = []

// ---------------------------------------------------------------------------------------------
// The canvas.

export function BoardCanvas({ connection, docs, layout, notes, emotions, canEdit, phase, voting, results, clusters, anonymous, authors }: Props) {
  const board = docs.board
  const docsRef = useRef(docs)
  docsRef.current = docs
  const t = useT()
  const container = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  // The committed viewport (for culling, overlays); while panning or zooming the stage moves
  // imperatively and commits here once it comes to rest.
  const viewport = useUi((s) => s.viewport)
  const setViewport = useCallback((v: Viewport) => useUi.getState().setViewport(v), [])
  const selection = useUi((s) => s.selection)
  const panning = useUi((s) => s.panning)
  // Only which notes are being dragged (stable during a drag), not where: the ghosts follow.
  const dragIds = useUi((s) => s.drag?.ids ?? NO_IDS)
  const remoteDrags = useRemoteSelector<Presence, RemoteDrags>(connection.awareness, selectRemoteDrags, (a, b) =>
    jsonEqual(a.map((d) => d.ids), b.map((d) => d.ids)),
  )
  const editorList = useRemoteSelector<Presence, Array<[string, string]>>(connection.awareness, selectEditors)
  const fitted = useRef(false)
  // The board is loaded and fitted into view (data-ready, for people's tools and tests).
  const [ready, setReady] = useState(false)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // Fit the board into view once, when we know our size and the board has loaded.
  const loaded = useStore(connection.state, (s) => s.loaded)
  useEffect(() => {
    if (fitted.current || size.width === 0 || !loaded) return
    fitted.current = true
    setViewport(fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, size.width, size.height))
    setReady(true)
  }, [size, layout, loaded, setViewport])

  const positions = useMemo(() => {
    const map = new Map<string, { x: number; y: number }>()
    for (const note of notes) map.set(note.id, noteWorldPosition(layout, note))
    return map
  }, [notes, layout])

  // Viewport culling: only notes that intersect the visible board rectangle are drawn.
  const visible = useMemo(() => {
    // One screen of margin on every side: what a pan reveals is already there, in the bitmap.
    const margin = Math.max(size.width, size.height, 200) / viewport.scale
    const view = {
      x: -viewport.x / viewport.scale - margin,
      y: -viewport.y / viewport.scale - margin,
      width: size.width / viewport.scale + 2 * margin,
      height: size.height / viewport.scale + 2 * margin,
    }
    return notes.filter((note) => {
      const p = positions.get(note.id)
      return p !== undefined && intersects({ x: p.x, y: p.y, width: LAYOUT.noteWidth, height: LAYOUT.noteHeight }, view)
    })
  }, [notes, positions, viewport, size])

  // Bounds of the drawn notes (selection strokes included), for the motion bitmap.
  const boundsRef = useRef<BoardRect | undefined>(undefined)
  boundsRef.current = useMemo(() => notesBounds(visible, positions, 4), [visible, positions])
  const editors = useMemo(() => new Map(editorList), [editorList])
  // Cluster frames: the bounds of their notes, with some room around them.
  const clusterRects = useMemo(() => {
    const rects: Array<{ cluster: Cluster; rect: { x: number; y: number; width: number; height: number } }> = []
    for (const cluster of clusters) {
      const rect = notesBounds(
        notes.filter((n) => n.clusterId === cluster.id),
        positions,
        12,
      )
      if (rect) rects.push({ cluster, rect })
    }
    return rects
  }, [clusters, notes, positions])
  const notesById = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes])
  const notesByIdRef = useRef(notesById)
  notesByIdRef.current = notesById
  const hidden = useMemo(() => new Set([...dragIds, ...remoteDrags.flatMap((d) => d.ids)]), [dragIds, remoteDrags])

  // --- presence (cursor), throttled to one update per animation frame.
  const pendingCursor = useRef<{ x: number; y: number } | null>(null)
  const cursorFrame = useRef(0)
  const publishCursor = useCallback(
    (point: { x: number; y: number } | null) => {
      pendingCursor.current = point
      if (cursorFrame.current) return
      cursorFrame.current = requestAnimationFrame(() => {
        cursorFrame.current = 0
        connection.setPresence({ cursor: pendingCursor.current ?? undefined })
      })
    },
    [connection],
  )

  // --- viewport motion
  const live = useRef<Viewport>(useUi.getState().viewport)
  const notesLayer = useRef<Konva.Layer>(null)
  const notesGroup = useRef<Konva.Group>(null)
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const applyToStage = useCallback((v: Viewport) => {
    const stage = stageRef.current
    if (!stage) return
    stage.position({ x: v.x, y: v.y })
    stage.scale({ x: v.scale, y: v.scale })
    stage.batchDraw()
  }, [])
  const commit = useCallback(() => {
    const v = live.current
    const current = useUi.getState().viewport
    if (current.x !== v.x || current.y !== v.y || current.scale !== v.scale) useUi.getState().setViewport({ ...v })
  }, [])
  /**
   * While the view moves, the notes are drawn once into a bitmap at the current zoom and that
   * bitmap is moved: a frame is one image instead of thousands of shapes and lines of text.
   * Hit-testing is not redrawn either. At rest (IDLE_MS without motion) the notes are drawn
   * again, sharp, and culling catches up.
   */
  const motion = useRef(false)
  const freeze = useCallback(() => {
    const group = notesGroup.current
    if (!group || group.isCached() || group.getChildren().length === 0) return
    // The notes' bounds are known; asking Konva would measure every child.
    const rect = boundsRef.current
    if (!rect) return
    const area = Math.max(1, rect.width * rect.height)
    // Somewhat below screen resolution: the first frame of a motion builds the bitmap, and a
    // smaller one is built faster; the notes are drawn sharp again at rest.
    const wanted = live.current.scale * (window.devicePixelRatio || 1) * MOTION_RESOLUTION
    group.cache({ ...rect, pixelRatio: Math.max(0.05, Math.min(wanted, Math.sqrt(MOTION_CACHE_PIXELS / area))) })
  }, [])
  const thaw = useCallback(() => {
    if (motion.current || useUi.getState().drag) return
    notesGroup.current?.clearCache()
    notesLayer.current?.batchDraw()
  }, [])
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
  // While notes are dragged on a large board the others are frozen into one bitmap and only
  // the ghosts of the dragged notes are drawn anew in each frame. A small board is drawn as it
  // is. Changes from others meanwhile redraw the bitmap, at most every REFREEZE_MS: someone
  // dragging a note still sees everyone else's edits, on a large board within a second.
  const freezeForDrag = dragIds.length > 0 && visible.length > DRAG_FREEZE_MIN_NOTES
  /** What the bitmap shows; it is redrawn when any of it changes. */
  const drawn = [visible, clusterRects, results, voting] as const
  const frozenWith = useRef<typeof drawn | null>(null)
  const lastRefreeze = useRef(0)
  const refreezeCost = useRef(0)
  useLayoutEffect(() => {
    if (freezeForDrag) {
      const start = performance.now()
      freeze()
      frozenWith.current = drawn
      lastRefreeze.current = performance.now()
      refreezeCost.current = lastRefreeze.current - start
    } else thaw()
    // `drawn` is only read here, when the bitmap is made.
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
    // (`drawn` is these four.)
  }, [freezeForDrag, visible, clusterRects, results, voting, freeze])
  const moveView = useCallback(
    (v: Viewport) => {
      live.current = v
      applyToStage(v)
      moving()
      // Moving one's own view is leaving the facilitator's ("follow me").
      useUi.getState().setFollowing(false)
    },
    [applyToStage, moving],
  )
  // What we look at, for whoever follows us (published once the view is at rest).
  useEffect(() => {
    if (size.width === 0) return
    connection.setPresence({
      view: { x: -viewport.x / viewport.scale, y: -viewport.y / viewport.scale, width: size.width / viewport.scale, height: size.height / viewport.scale },
    })
  }, [connection, viewport, size])
  // Changes from elsewhere (zoom buttons, fit, first load) go to the stage as they come.
  useEffect(
    () =>
      useUi.subscribe((state) => {
        const v = state.viewport
        const l = live.current
        if (v.x !== l.x || v.y !== l.y || v.scale !== l.scale) {
          live.current = v
          applyToStage(v)
        }
      }),
    [applyToStage],
  )
  const hasStage = size.width > 0
  useLayoutEffect(() => {
    if (hasStage) applyToStage(live.current)
  }, [hasStage, applyToStage])
  useEffect(() => () => clearTimeout(idleTimer.current), [])

  const boardPoint = useCallback((): { x: number; y: number } | null => {
    const stage = stageRef.current
    const pointer = stage?.getPointerPosition()
    if (!stage || !pointer) return null
    return { x: (pointer.x - stage.x()) / stage.scaleX(), y: (pointer.y - stage.y()) / stage.scaleY() }
  }, [])

  // --- note interaction
  const votingRef = useRef(voting)
  votingRef.current = voting
  /** What a click on `id` votes for: the item itself, or — in a round on clusters — its cluster. */
  const voteTargetOf = useCallback((id: string): string | undefined => {
    const eligible = votingRef.current?.eligible
    if (!eligible) return undefined
    if (eligible.has(id)) return id
    const clusterId = notesByIdRef.current.get(id)?.clusterId
    return clusterId !== undefined && eligible.has(clusterId) ? clusterId : undefined
  }, [])
  const onPointerDown = useCallback((id: string, additive: boolean) => {
    // While a round is open, notes that take votes are voted on by clicking (onVoteClick).
    if (voteTargetOf(id) !== undefined) return
    const { selection: current, select } = useUi.getState()
    if (additive) select([id], 'toggle')
    else if (!current.includes(id)) select([id])
  }, [])
  const onVoteClick = useCallback((id: string, takeBack: boolean) => {
    const target = voteTargetOf(id)
    if (target !== undefined) votingRef.current?.vote(target, takeBack ? -1 : 1)
  }, [voteTargetOf])
  const onEdit = useCallback((id: string) => {
    if (!canEdit) return
    useUi.getState().select([id])
    useUi.getState().setEditing(id)
  }, [canEdit])
  const dragFrame = useRef(0)
  const onDragStart = useCallback((id: string) => {
    const { selection: current, select } = useUi.getState()
    const ids = current.includes(id) ? current : [id]
    if (!current.includes(id)) select([id])
    useUi.getState().setDrag({ ids, leader: id, dx: 0, dy: 0 })
  }, [])
  const onDragMove = useCallback(
    (_id: string, dx: number, dy: number) => {
      const current = useUi.getState().drag
      if (!current) return
      useUi.getState().setDrag({ ...current, dx, dy })
      // One presence update per frame carries both the drag and the pointer.
      if (!dragFrame.current)
        dragFrame.current = requestAnimationFrame(() => {
          dragFrame.current = 0
          const live = useUi.getState().drag
          connection.setPresence({ drag: live ? { ids: live.ids, dx: live.dx, dy: live.dy } : undefined, cursor: boardPoint() ?? undefined })
        })
    },
    [connection, boardPoint],
  )
  const notesRef = useRef(notes)
  notesRef.current = notes
  const layoutRef = useRef(layout)
  layoutRef.current = layout
  const onDragEnd = useCallback(
    (id: string, dx: number, dy: number, node: Konva.Node) => {
      const current = useUi.getState().drag
      const ids = new Set(current?.ids ?? [id])
      const moved = notesRef.current.filter((n) => ids.has(n.id))
      moveNotesBy(board, layoutRef.current, moved, dx, dy, docsRef.current.docOf)
      // React may not re-render the dragged node if its stored position did not change.
      const note = readNote(docsRef.current.docOf(id), id)
      if (note) node.position(noteWorldPosition(layoutRef.current, note))
      useUi.getState().setDrag(null)
      connection.setPresence({ drag: undefined })
    },
    [board, connection],
  )

  // Dragging a cluster drags its notes: ghosts follow live, one write per note on drop.
  const onClusterStart = useCallback((id: string) => {
    const ids = notesRef.current.filter((n) => n.clusterId === id).map((n) => n.id)
    useUi.getState().setDrag({ ids, leader: `cluster:${id}`, dx: 0, dy: 0 })
  }, [])
  const onClusterMove = useCallback((id: string, dx: number, dy: number) => onDragMove(id, dx, dy), [onDragMove])
  const onClusterMoved = useCallback(
    (id: string, dx: number, dy: number) => {
      const members = notesRef.current.filter((n) => n.clusterId === id)
      moveNotesBy(docsRef.current.board, layoutRef.current, members, dx, dy, docsRef.current.docOf)
      useUi.getState().setDrag(null)
      connection.setPresence({ drag: undefined })
    },
    [connection],
  )

  // --- stage interaction: pan, zoom, double-click to add, click to clear / set emotion
  const followStageDrag = useCallback(() => {
    const stage = stageRef.current
    if (!stage) return
    live.current = { x: stage.x(), y: stage.y(), scale: stage.scaleX() }
    moving()
    useUi.getState().setFollowing(false)
  }, [moving])

  const onWheel = useCallback(
    (e: Konva.KonvaEventObject<WheelEvent>) => {
      e.evt.preventDefault()
      const stage = stageRef.current
      const pointer = stage?.getPointerPosition()
      if (!stage || !pointer) return
      const view = live.current
      const { deltaX, deltaY, ctrlKey, metaKey } = e.evt
      const mouseWheel = deltaX === 0 && Number.isInteger(deltaY) && Math.abs(deltaY) >= 50
      if (ctrlKey || metaKey) moveView(zoomAt(view, pointer.x, pointer.y, Math.exp(-deltaY * 0.01)))
      else if (mouseWheel) moveView(zoomAt(view, pointer.x, pointer.y, deltaY > 0 ? 1 / 1.15 : 1.15))
      else moveView({ ...view, x: view.x - deltaX, y: view.y - deltaY })
    },
    [moveView],
  )

  const pinch = useRef<{ distance: number; center: { x: number; y: number } } | null>(null)
  const onTouchMove = useCallback(
    (e: Konva.KonvaEventObject<TouchEvent>) => {
      const [a, b] = [e.evt.touches[0], e.evt.touches[1]]
      if (!a || !b) return
      e.evt.preventDefault()
      const stage = stageRef.current
      if (!stage) return
      const rect = stage.container().getBoundingClientRect()
      const center = { x: (a.clientX + b.clientX) / 2 - rect.left, y: (a.clientY + b.clientY) / 2 - rect.top }
      const distance = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY)
      if (stage.isDragging()) stage.stopDrag()
      const previous = pinch.current
      pinch.current = { distance, center }
      if (!previous) return
      const zoomed = zoomAt(live.current, center.x, center.y, distance / previous.distance)
      moveView({ ...zoomed, x: zoomed.x + center.x - previous.center.x, y: zoomed.y + center.y - previous.center.y })
    },
    [moveView],
  )

  const onStageClick = useCallback(
    (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
      if (e.target !== stageRef.current) return
      const point = boardPoint()
      const l = layoutRef.current
      if (point && canEdit && point.y >= l.emotion.y && point.y < l.emotion.y + l.emotion.height) {
        const column = l.columns.find((c) => point.x >= c.x && point.x < c.x + c.width)
        if (column) {
          setEmotion(board, column.id, emotionAt(l, point.y))
          return
        }
      }
      useUi.getState().clearSelection()
    },
    [board, boardPoint, canEdit],
  )

  const onStageDblClick = useCallback(
    (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
      if (e.target !== stageRef.current || !canEdit) return
      const point = boardPoint()
      if (!point) return
      const id = addNoteAt(docsRef.current.write, layoutRef.current, point.x - LAYOUT.noteWidth / 2, point.y - LAYOUT.noteHeight / 2, authorFor(connection.session.participantId, anonymous), phase)
      rememberOwn(connection.session.workshopId, id)
      useUi.getState().select([id])
      useUi.getState().setEditing(id)
    },
    [board, boardPoint, canEdit, connection, phase, anonymous],
  )

  // The projector shows the board, not the facilitator's selection.
  const presenting = useUi((s) => s.presenting)
  const selected = useMemo(() => new Set(presenting ? [] : selection), [selection, presenting])

  return (
    <div
      ref={container}
      className={`canvas${panning ? ' panning' : ''}`}
      role="application"
      aria-label={t('boardCanvas')}
      tabIndex={-1}
      // Pointer on the board: keyboard shortcuts (space to pan, N, Delete) go to the board, not
      // to the toolbar button clicked last.
      onPointerDown={(e) => e.currentTarget.focus({ preventScroll: true })}
      data-testid="board-canvas"
      data-notes-rendered={visible.length}
      data-ready={ready}
    >
      {size.width > 0 && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          draggable
          onDragMove={(e) => {
            if (e.target === stageRef.current) followStageDrag()
          }}
          onDragEnd={(e) => {
            if (e.target === stageRef.current) followStageDrag()
          }}
          onWheel={onWheel}
          onTouchMove={onTouchMove}
          onTouchEnd={() => {
            pinch.current = null
          }}
          onClick={onStageClick}
          onTap={onStageClick}
          onDblClick={onStageDblClick}
          onDblTap={onStageDblClick}
          onMouseMove={() => publishCursor(boardPoint())}
          onMouseLeave={() => publishCursor(null)}
        >
          <Layer listening={false}>
            <Grid layout={layout} scale={viewport.scale} emotionLabel={t('emotionCurve')} />
            <EmotionCurve layout={layout} emotions={emotions} />
          </Layer>
          <Layer ref={notesLayer}>
            <Group ref={notesGroup}>
            {clusterRects.map(({ cluster, rect }) => (
              <ClusterFrame
                key={cluster.id}
                cluster={cluster}
                rect={rect}
                draggable={canEdit && !panning}
                dots={voting?.mine[cluster.id] ?? 0}
                badge={results?.[cluster.id]}
                onVoteClick={onVoteClick}
                onStart={onClusterStart}
                onMove={onClusterMove}
                onMoved={onClusterMoved}
              />
            ))}
            {visible.map((note) => {
              const p = positions.get(note.id) as { x: number; y: number }
              return (
                <NoteShape
                  key={note.id}
                  note={note}
                  x={p.x}
                  y={p.y}
                  selected={selected.has(note.id)}
                  draggable={canEdit && !panning}
                  hidden={hidden.has(note.id)}
                  isPrivate={docs.isPrivate(note.id)}
                  dots={voting?.mine[note.id] ?? 0}
                  badge={results?.[note.id]}
                  author={note.authorId !== undefined ? authors[note.authorId] : undefined}
                  editedBy={editors.get(note.id)}
                  onPointerDown={onPointerDown}
                  onVoteClick={onVoteClick}
                  onEdit={onEdit}
                  onDragStart={onDragStart}
                  onDragMove={onDragMove}
                  onDragEnd={onDragEnd}
                />
              )
            })}
            </Group>
            <DragGhosts awareness={connection.awareness} notesById={notesById} positions={positions} />
          </Layer>
          <Layer listening={false}>
            <Cursors awareness={connection.awareness} scale={viewport.scale} />
          </Layer>
        </Stage>
      )}
    </div>
  )
}

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

export type { Viewport }
