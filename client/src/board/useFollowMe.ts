/**
 * Follow me: while the facilitator has it on, everyone else's view follows the facilitator's
 * (from presence) until they move their own (any pan, zoom or view key: `leaveFollowing` in
 * ./canvas/useViewport.ts); they may follow again from the notice.
 */
import { useEffect } from 'react'
import { fitViewport } from '../../../shared/board/layout'
import type { Presence, WorkshopConnection } from '../sync/connection'
import { useRemoteSelector } from '../sync/docHooks'
import { useUi } from '../store'
import { canvasSize } from './boardActions'

export function useFollowMe(connection: WorkshopConnection, on: boolean): { followMe: boolean; following: boolean } {
  const facilitatorView = useRemoteSelector<Presence, Presence['view'] | undefined>(connection.awareness, (states) =>
    states.find(({ state }) => state.user?.role === 'facilitator' && state.view)?.state.view,
  )
  const followMe = on && connection.session.role !== 'facilitator'
  const following = useUi((s) => s.following)
  useEffect(() => {
    if (followMe) useUi.getState().setFollowing(true)
  }, [followMe])
  useEffect(() => {
    if (!followMe || !following || !facilitatorView) return
    // Read again: the follower may have moved their own view since this render.
    if (!useUi.getState().following) return
    const { width, height, present } = canvasSize()
    if (present) useUi.getState().setViewport(fitViewport(facilitatorView, width, height, 0))
  }, [followMe, following, facilitatorView])
  return { followMe, following }
}
