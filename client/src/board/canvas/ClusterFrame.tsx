/**
 * A cluster: frames around its own notes (./clusterOutline.ts: one per group of its notes with
 * no other note among them, so a frame never takes in another cluster's notes), each with the
 * name on a tab. Dragging a frame drags the whole cluster; double-clicking the name renames it
 * in place (../notes/ClusterRename.tsx).
 */
import { memo, useMemo, useRef } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Rect as BoardRect } from '../../../../shared/board/layout'
import type { Cluster } from '../../../../shared/board/cluster'
import type { Note } from '../../../../shared/board/note'
import { useNotesUi } from '../notes/notesUi'
import { clusterOutline } from './clusterOutline'
import { clusterDotsRow, clusterShapes } from './shapes'
import { VoteBadge, VoteDots } from './Votes'

export interface ClusterHandlers {
  onVoteClick(id: string, takeBack: boolean): void
  onStart(id: string): void
  onMove(id: string, dx: number, dy: number): void
  onMoved(id: string, dx: number, dy: number): void
}

export const ClusterFrame = memo(function ClusterFrame(
  props: ClusterHandlers & {
    cluster: Cluster
    /** The bounds of all its notes (used when the notes' positions are not given). */
    rect: BoardRect
    /** Every note and where it is drawn: the frames go around the cluster's own only. */
    notes?: readonly Note[]
    positions?: Map<string, { x: number; y: number }>
    draggable: boolean
    /** My dots on it in an open round on clusters. */
    dots: number
    /** Its total in the last closed round. */
    badge: number | undefined
  },
) {
  const { cluster, rect, notes, positions, draggable, dots, badge, onStart, onMove, onMoved, onVoteClick } = props
  const start = useRef({ x: 0, y: 0 })
  const parts = useMemo(() => {
    if (!notes || !positions) return [rect]
    const members: Array<{ x: number; y: number }> = []
    const others: Array<{ x: number; y: number }> = []
    for (const note of notes) {
      const p = positions.get(note.id)
      if (p) (note.clusterId === cluster.id ? members : others).push(p)
    }
    const outline = clusterOutline(members, others)
    return outline.length > 0 ? outline : [rect]
  }, [notes, positions, cluster.id, rect])
  const rename = () => {
    if (draggable) useNotesUi.getState().renameCluster(cluster.id)
  }
  return (
    <>
      {parts.map((part, i) => {
        const shapes = clusterShapes(cluster.title, part)
        return (
          <Group
            key={i}
            x={part.x}
            y={part.y}
            name="cluster"
            id={`cluster-${cluster.id}`}
            clusterId={cluster.id}
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
              e.target.position({ x: part.x, y: part.y })
              onMoved(cluster.id, dx, dy)
            }}
          >
            <Rect {...shapes.frame} name="cluster-frame" />
            <Rect {...shapes.tab} name={`cluster-tab cluster-tab-${cluster.id}`} onDblClick={rename} onDblTap={rename} />
            <Text {...shapes.name} width={Math.max(0, (shapes.tab.width ?? 0) - 12)} name="cluster-name" onDblClick={rename} onDblTap={rename} />
            {i === 0 && <VoteDots count={dots} {...clusterDotsRow(part)} />}
            {i === 0 && <VoteBadge count={badge} on="cluster" frameWidth={part.width} />}
          </Group>
        )
      })}
    </>
  )
})
