/** Other people's pointers with their names, at screen size whatever the zoom. */
import { memo } from 'react'
import { Group, Line, Rect, Text } from 'react-konva'
import { useT } from '../../i18n'
import { presenceName, type Presence, type WorkshopConnection } from '../../sync/connection'
import { useRemoteSelector } from '../../sync/docHooks'
import { cursorShapes } from './shapes'

export const Cursors = memo(function Cursors({ awareness, scale }: { awareness: WorkshopConnection['awareness']; scale: number }) {
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
      {cursors.map((c) => {
        const shapes = cursorShapes(c.name, c.color)
        return (
          <Group key={c.clientId} x={c.x} y={c.y} scaleX={1 / scale} scaleY={1 / scale}>
            <Line {...shapes.arrow} />
            <Rect {...shapes.tab} />
            <Text {...shapes.label} />
          </Group>
        )
      })}
    </>
  )
})
