/** A cluster: a frame around its notes with its name on a header that drags the whole group. */
import { memo, useRef } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Rect as BoardRect } from '../../../../shared/board/layout'
import type { Cluster } from '../../../../shared/board/cluster'
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
    rect: BoardRect
    draggable: boolean
    /** My dots on it in an open round on clusters. */
    dots: number
    /** Its total in the last closed round. */
    badge: number | undefined
  },
) {
  const { cluster, rect, draggable, dots, badge, onStart, onMove, onMoved, onVoteClick } = props
  const start = useRef({ x: 0, y: 0 })
  const shapes = clusterShapes(cluster.title, rect)
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
      <Rect {...shapes.frame} />
      <Rect {...shapes.tab} />
      <Text {...shapes.name} />
      <VoteDots count={dots} {...clusterDotsRow(rect)} />
      <VoteBadge count={badge} on="cluster" frameWidth={rect.width} />
    </Group>
  )
})
