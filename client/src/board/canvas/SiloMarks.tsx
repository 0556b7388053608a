/**
 * The silo view (issue #12): each note whose author chose a department gets a frame and a band
 * in the department's colour, with its name; the legend is beside the board (SiloLegend).
 */
import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Note } from '../../../../shared/board/note'
import { LAYOUT } from '../../../../shared/board/cell-layout'

export const SiloMarks = memo(function SiloMarks({ notes, positions, heights, departmentOf, colorOf }: {
  notes: readonly Note[]
  positions: ReadonlyMap<string, { x: number; y: number }>
  heights: ReadonlyMap<string, { height: number }>
  departmentOf: Readonly<Record<string, string>>
  colorOf: (department: string) => string
}) {
  return (
    <Group listening={false}>
      {notes.map((note) => {
        const department = note.authorId === undefined ? undefined : departmentOf[note.authorId]
        const at = positions.get(note.id)
        if (department === undefined || !at) return null
        const color = colorOf(department)
        const height = heights.get(note.id)?.height ?? LAYOUT.noteHeight
        return (
          <Group key={note.id} x={at.x} y={at.y}>
            <Rect width={LAYOUT.noteWidth} height={height} stroke={color} strokeWidth={5} cornerRadius={4} />
            <Rect y={height - 18} width={LAYOUT.noteWidth} height={18} fill={color} cornerRadius={[0, 0, 4, 4]} />
            <Text x={5} y={height - 15} width={LAYOUT.noteWidth - 10} text={department} fontSize={12} fontStyle="bold" fill="#ffffff" wrap="none" ellipsis />
          </Group>
        )
      })}
    </Group>
  )
})
