/** What the canvas reads from other people's presence: their drags and which notes they edit. */
import { useMemo } from 'react'
import type { Presence, WorkshopConnection } from '../../sync/connection'
import { jsonEqual, useRemoteSelector } from '../../sync/docHooks'
import { useUi } from '../../store'

export type RemoteDrags = Array<{ ids: string[]; dx: number; dy: number }>

export const selectRemoteDrags = (states: Array<{ state: Presence }>): RemoteDrags =>
  states.flatMap(({ state }) => (state.drag && Array.isArray(state.drag.ids) ? [{ ids: state.drag.ids, dx: state.drag.dx, dy: state.drag.dy }] : []))

/** [note id, the editor's colour] for every note someone is editing. */
export const selectEditors = (states: Array<{ state: Presence }>): Array<[string, string]> =>
  states.flatMap(({ state }) => (state.editing && state.user ? [[state.editing, state.user.color] as [string, string]] : []))

const NO_IDS: string[] = []

/**
 * Notes being dragged (ours and others') and notes being edited, for the canvas. Only which
 * notes are dragged (stable during a drag), not where: the ghosts (DragGhosts) follow the moves.
 */
export function useDragsAndEditors(awareness: WorkshopConnection['awareness']): { dragIds: string[]; hidden: Set<string>; editors: Map<string, string> } {
  const dragIds = useUi((s) => s.drag?.ids ?? NO_IDS)
  const remoteDrags = useRemoteSelector<Presence, RemoteDrags>(awareness, selectRemoteDrags, (a, b) =>
    jsonEqual(a.map((d) => d.ids), b.map((d) => d.ids)),
  )
  const editorList = useRemoteSelector<Presence, Array<[string, string]>>(awareness, selectEditors)
  const editors = useMemo(() => new Map(editorList), [editorList])
  const hidden = useMemo(() => new Set([...dragIds, ...remoteDrags.flatMap((d) => d.ids)]), [dragIds, remoteDrags])
  return { dragIds, hidden, editors }
}
