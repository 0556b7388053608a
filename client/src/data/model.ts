/** What the data screens read (issue #12): departments, people's departments, guesses, the data and the comparison. */
import { useMemo } from 'react'
import * as Y from 'yjs'
import { readPersonDepartments } from '../../../shared/board/person'
import { areGuessesClosed, readControl, readDepartments } from '../../../shared/facilitation/control'
import { compare, dataRanking } from '../../../shared/data/compare'
import { activeDataset, readDatasets, readKeyTouchpoints, readMatches, readMeasure } from '../../../shared/data/data-doc'
import { readGuesses } from '../../../shared/data/guesses'
import { useDocSelector } from '../sync/docHooks'

const NO_DOC = new Y.Doc()

export function useDataModel(board: Y.Doc, control: Y.Doc, dataDoc: Y.Doc | undefined) {
  const departments = useDocSelector(control, readDepartments)
  const revealed = useDocSelector(control, (d) => readControl(d).dataRevealed)
  // Closed with the first reveal and never reopened (control `guessesClosed`).
  const guessesClosed = useDocSelector(control, (d) => areGuessesClosed(d))
  const departmentOf = useDocSelector(board, (d) => Object.fromEntries(readPersonDepartments(d, departments)) as Record<string, string>, [departments])
  const guesses = useDocSelector(board, (d) => Object.fromEntries(readGuesses(d)) as Record<string, string[]>)
  const data = dataDoc ?? NO_DOC
  const datasets = useDocSelector(data, readDatasets)
  const active = useDocSelector(data, activeDataset)
  const measure = useDocSelector(data, readMeasure)
  const matches = useDocSelector(data, (d) => Object.fromEntries(readMatches(d)) as Record<string, string>)
  const keyTouchpoints = useDocSelector(data, readKeyTouchpoints)
  const comparison = useMemo(
    () =>
      active
        ? compare({
            aggregates: active.aggregates,
            measure,
            guesses: new Map(Object.entries(guesses)),
            departmentOf: new Map(Object.entries(departmentOf)),
            departments,
            matches: new Map(Object.entries(matches)),
          })
        : undefined,
    [active, measure, guesses, departmentOf, departments, matches],
  )
  const touchpointNames = useMemo(() => (active ? dataRanking(active.aggregates, measure).map((d) => d.touchpoint) : []), [active, measure])
  return { departments, revealed, guessesClosed, departmentOf, guesses, datasets, active, measure, matches, keyTouchpoints, comparison, touchpointNames, hasDoc: dataDoc !== undefined }
}

export type DataModel = ReturnType<typeof useDataModel>
