/** A new workshop's board: the journey template (or a blank board) and its meta. */
import type * as Y from 'yjs'
import { newId } from '../ids'
import { addLane, type LaneKind } from './lane'
import { writeMeta, type WorkshopLanguage } from './meta'
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

/**
 * The journey template in Dutch: the same stages and lanes (same kinds, same order) in the words
 * a Dutch team uses. A journey stage is an "etappe" in the Dutch UI, never a "fase" (that is a
 * workshop phase).
 */
export const DEFAULT_STAGES_NL: readonly string[] = ['Oriëntatie', 'Aankoop', 'Start', 'Gebruik', 'Service', 'Ervaring delen']

export const DEFAULT_LANES_NL: readonly { title: string; kind: LaneKind }[] = [
  { title: 'Klantacties', kind: 'actions' },
  { title: 'Contactmomenten & kanalen', kind: 'touchpoints' },
  { title: 'Afdeling / eigenaar', kind: 'departments' },
  { title: 'Gedachten & gevoelens', kind: 'thoughts' },
  { title: 'Knelpunten', kind: 'pains' },
  { title: 'Stem van medewerkers', kind: 'employee' },
  { title: 'Data & cijfers', kind: 'data' },
  { title: 'Kansen', kind: 'opportunities' },
]

/** The template's stages and lanes in a workshop's language. */
export function templateFor(language: WorkshopLanguage | undefined): { stages: readonly string[]; lanes: readonly { title: string; kind: LaneKind }[] } {
  return language === 'nl' ? { stages: DEFAULT_STAGES_NL, lanes: DEFAULT_LANES_NL } : { stages: DEFAULT_STAGES, lanes: DEFAULT_LANES }
}

export interface BoardInit {
  template: Template
  title: string
  persona?: string
  journeyStart?: string
  journeyEnd?: string
  goal?: string
  /** The creator's language: the template's words, and the exports' story sentences. */
  language?: WorkshopLanguage
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
      ...(init.language !== undefined && { language: init.language }),
    })
    if (init.template === 'journey') {
      const { stages, lanes } = templateFor(init.language)
      stages.forEach((title, i) => addStage(doc, title, undefined, { id: newId(), order: i + 1 }))
      lanes.forEach((lane, i) => addLane(doc, lane.title, lane.kind, undefined, { id: newId(), order: i + 1 }))
    }
  })
}
