/**
 * The Konva whiteboard. Layers: the swimlane grid (./Grid, static, cached) with the emotion
 * curve; the notes (only those in view: ./useCulling) and cluster frames, frozen into a bitmap
 * while the view moves or a large board is dragged on (./useMotionBitmap), with the ghosts of
 * dragged notes above them; and other people's cursors. Drags move the notes locally and
 * through presence; the document is written once, on drop (./useNoteGestures). How each thing
 * looks is in ./shapes.ts, shared with the PNG export.
 */
import type Konva from 'konva'
import { type ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Group, Layer, Stage } from 'react-konva'
import type { BoardLayout } from '../../../../shared/board/layout'
import type { Cluster } from '../../../../shared/board/cluster'
import type { Note } from '../../../../shared/board/note'
import type { Phase } from '../../../../shared/facilitation/phase-names'
import { useT } from '../../i18n'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi, type Viewport } from '../../store'
import type { NoteDocs } from '../boardModel'
import { ClusterFrame } from './ClusterFrame'
import { Cursors } from './Cursors'
import { DragGhosts } from './DragGhosts'
import { EmotionCurve } from './EmotionCurve'
import { Grid } from './Grid'
import { Minimap } from './Minimap'
import { NoteShape } from './NoteShape'
import { useDragsAndEditors } from './presence'
import { useCulling } from './useCulling'
import { useMotionBitmap } from './useMotionBitmap'
import { useNavigator } from './useNavigator'
import { useNoteGestures, type CanvasVoting } from './useNoteGestures'
import { useStageGestures } from './useStageGestures'
import { useViewKeys } from './useViewKeys'
import { useViewport } from './useViewport'
import { ZoomControls } from './ZoomControls'

interface Props {
  connection: WorkshopConnection
  docs: NoteDocs
  layout: BoardLayout
  notes: Note[]
  emotions: Record<string, number>
  canEdit: boolean
  phase: Phase
  /** An open voting round: which notes take votes, my dots, and how to cast one. */
  voting: CanvasVoting
  /** Totals of the last closed round, by note id, shown on the notes. */
  results: Record<string, number> | undefined
  /** Anonymous mode: new notes carry no author, and no note shows one. */
  anonymous: boolean
  /** Author names by participant id (empty in anonymous mode). */
  authors: Record<string, string>
  clusters: Cluster[]
  /** Layers drawn above the grid and the notes (issue #12: the metrics lane, the silo view). */
  overlays?: (view: { visible: Note[]; positions: ReadonlyMap<string, { x: number; y: number }>; scale: number }) => ReactNode
}

export function BoardCanvas({ connection, docs, layout, notes, emotions, canEdit, phase, voting, results, clusters, anonymous, authors, overlays }: Props) {
  const t = useT()
  const container = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const liveRef = useRef<Viewport>(useUi.getState().viewport)
  const selection = useUi((s) => s.selection)
  // Space held or the hand tool: a left drag pans, notes are not picked up.
  const panning = useUi((s) => s.panning || s.tool === 'hand')
  const handTool = useUi((s) => s.tool === 'hand')
  const [minimap, setMinimap] = useState(true)
  const { dragIds, hidden, editors } = useDragsAndEditors(connection.awareness)

  // The size and viewport come first (culling needs them); the motion bitmap's clock is
  // called through a ref, as the bitmap needs what culling drew.
  const movingRef = useRef(() => {})
  const moving = useMemo(() => () => movingRef.current(), [])
  const { size, viewport, ready, moveView, subscribeLive } = useViewport({ container, stageRef, liveRef, connection, layout, moving })
  const { positions, visible, visibleBounds, clusterRects, notesById } = useCulling(notes, clusters, layout, viewport, size)
  const drawn = useMemo(() => [visible, clusterRects, results, voting], [visible, clusterRects, results, voting])
  const { notesLayerRef, notesGroupRef, moving: motionMoving, settle } = useMotionBitmap({ liveRef, bounds: visibleBounds, dragging: dragIds.length > 0, drawnCount: visible.length, drawn })
  useLayoutEffect(() => {
    movingRef.current = motionMoving
  }, [motionMoving])

  const stage = useStageGestures({ container, stageRef, liveRef, connection, docs, layout, canEdit, phase, anonymous, moveView, settle })
  const nav = useNavigator({ liveRef, size, layout, notes, positions })
  useViewKeys(nav)
  const gestures = useNoteGestures({ connection, docs, layout, notes, notesById, canEdit, voting, boardPoint: stage.boardPoint })

  // The projector shows the board, not the facilitator's selection.
  const presenting = useUi((s) => s.presenting)
  const selected = useMemo(() => new Set(presenting ? [] : selection), [selection, presenting])

  return (
    <div
      ref={container}
      className={`canvas${panning ? ' panning' : ''}${handTool ? ' hand-tool' : ''}`}
      role="application"
      aria-label={t('boardCanvas')}
      tabIndex={-1}
      data-testid="board-canvas"
      data-notes-rendered={visible.length}
      data-ready={ready}
    >
      {size.width > 0 && (
        <Stage ref={stageRef} width={size.width} height={size.height} {...stage.stageProps}>
          <Layer listening={false}>
            <Grid layout={layout} scale={viewport.scale} emotionLabel={t('emotionCurve')} />
            <EmotionCurve layout={layout} emotions={emotions} />
          </Layer>
          <Layer ref={notesLayerRef}>
            <Group ref={notesGroupRef}>
              {clusterRects.map(({ cluster, rect }) => (
                <ClusterFrame
                  key={cluster.id}
                  cluster={cluster}
                  rect={rect}
                  notes={notes} positions={positions}
                  draggable={canEdit && !panning}
                  dots={voting?.mine[cluster.id] ?? 0}
                  badge={results?.[cluster.id]}
                  {...gestures.cluster}
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
                    scale={viewport.scale}
                    {...gestures.note}
                  />
                )
              })}
            </Group>
            <DragGhosts awareness={connection.awareness} notesById={notesById} positions={positions} />
          </Layer>
          {overlays && <Layer listening={false}>{overlays({ visible, positions, scale: viewport.scale })}</Layer>}
          <Layer listening={false}>
            <Cursors awareness={connection.awareness} scale={viewport.scale} />
          </Layer>
        </Stage>
      )}
      {stage.marquee && (
        <div className="marquee" data-testid="marquee" style={{ left: stage.marquee.x, top: stage.marquee.y, width: stage.marquee.width, height: stage.marquee.height }} />
      )}
      {size.width > 0 && (
        <div className="nav-overlay">
          {minimap && <Minimap layout={layout} notes={notes} positions={positions} size={size} liveRef={liveRef} subscribeLive={subscribeLive} moveView={moveView} />}
          <ZoomControls nav={nav} subscribeLive={subscribeLive} minimap={minimap} onToggleMinimap={() => setMinimap(!minimap)} />
        </div>
      )}
    </div>
  )
}
