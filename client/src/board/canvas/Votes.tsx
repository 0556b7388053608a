/** Votes on a note or a cluster: my dots in the open round, the last closed round's total. */
import { Circle, Group, Text } from 'react-konva'
import { voteBadge, voteDot } from './shapes'

export function VoteDots({ count, right, y }: { count: number; right: number; y: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <Circle key={i} {...voteDot(i, right, y)} />
      ))}
    </>
  )
}

/** A total above zero as a badge; nothing otherwise. */
export function VoteBadge({ count, on, frameWidth }: { count: number | undefined; on: 'note' | 'cluster'; frameWidth?: number }) {
  if (count === undefined || count <= 0) return null
  const badge = voteBadge(count, on, frameWidth)
  return (
    <Group {...badge.group}>
      <Circle {...badge.disc} />
      <Text {...badge.label} />
    </Group>
  )
}
