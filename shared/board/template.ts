/** A new workshop's board: the journey template (or a blank board) and its meta. */
import type * as Y from 'yjs'
import { newId } from '../ids'
import { addLane, type LaneKind } from './lane'
import { writeMeta } from './meta'
import { addStage } from './stage'

export const TEMPLATES = ['journey', 'blank'] as const
export type Template = (typeof TEMPLATES)[number]

export const DEFAULT_STAGES: readonly string[] = [
  'Orientation',
  'Purchase',
  'Onboarding',
  'Use',
  'Service',
  'Share experience',
]

export const DEFAULT_LANES: readonly { title: string; kind: LaneKind }[] = [
  { title: 'Customer actions', kind: 'actions' },
  { title: 'Touchpoints & channels', kind: 'touchpoints' },
  { title: 'Department / owner', kind: 'departments' },
  { title: 'Thoughts & feelings', kind: 'thoughts' },
  { title: 'Pain points', kind: 'pains' },
  { title: 'Employee voice', kind: 'employee' },
  { title: 'Data & metrics', kind: 'data' },
  { title: 'Opportunities', kind: 'opportunities' },
]

export interface BoardInit {
  template: Template
  title: string
  persona?: string
  journeyStart?: string
  journeyEnd?: string
  goal?: string
}

/**
 * Writes a new workshop's board. Called exactly once, when the workshop is created (on the
 * server), never on load: re-running it on a restored document would duplicate the template.
 */
export function initBoard(doc: Y.Doc, init: BoardInit): void {
  doc.transact(() => {
    writeMeta(doc, {
      title: init.title,
      persona: init.persona ?? '',
      journeyStart: init.journeyStart ?? '',
      journeyEnd: init.journeyEnd ?? '',
      goal: init.goal ?? '',
    })
    if (init.template === 'journey') {
      DEFAULT_STAGES.forEach((title, i) => addStage(doc, title, undefined, { id: newId(), order: i + 1 }))
      DEFAULT_LANES.forEach((lane, i) => addLane(doc, lane.title, lane.kind, undefined, { id: newId(), order: i + 1 }))
    }
  })
}
