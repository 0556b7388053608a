/**
 * A participant's department (issue #12): chosen on the join form (kept in this browser until
 * the board is open) or later on the board, and stored in the participant's own `people` entry.
 */
import { useEffect } from 'react'
import { setPersonDepartment } from '../../../shared/board/person'
import { isLocked } from '../../../shared/facilitation/control'
import type { WorkshopConnection } from '../sync/connection'

const key = (workshopId: string) => `horizon:department:${workshopId}`

export function savePendingDepartment(workshopId: string, department: string): void {
  try {
    if (department === '') localStorage.removeItem(key(workshopId))
    else localStorage.setItem(key(workshopId), department)
  } catch {
    // private mode: chosen again on the board
  }
}

function pendingDepartment(workshopId: string): string | undefined {
  try {
    return localStorage.getItem(key(workshopId)) ?? undefined
  } catch {
    return undefined
  }
}

/** Writes the department chosen on the join form into `people` once the board can take it. */
export function usePendingDepartment(connection: WorkshopConnection): void {
  useEffect(() => {
    const { session } = connection
    if (session.role !== 'participant') return
    const pending = pendingDepartment(session.workshopId)
    if (pending === undefined) return
    const board = connection.board
    const tryWrite = () => {
      if (!board.provider.synced || !connection.control.provider.synced || isLocked(connection.control.doc)) return
      setPersonDepartment(board.doc, session.participantId, session.name, pending)
      savePendingDepartment(session.workshopId, '')
      board.provider.off('sync', tryWrite)
      connection.control.provider.off('sync', tryWrite)
    }
    board.provider.on('sync', tryWrite)
    connection.control.provider.on('sync', tryWrite)
    tryWrite()
    return () => {
      board.provider.off('sync', tryWrite)
      connection.control.provider.off('sync', tryWrite)
    }
  }, [connection])
}

/** Department colours for the silo view and the comparison (by the department's place in the list). */
const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#f59f00', '#0c8599', '#c2255c', '#5c940d', '#6741d9', '#862e9c']
export const departmentColor = (departments: readonly string[], department: string): string => PALETTE[Math.max(0, departments.indexOf(department)) % PALETTE.length] as string
