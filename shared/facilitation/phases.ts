/**
 * Phase rules that client and server both use (Parabol keeps its meeting-phase rules the same
 * way: pure functions both sides import). The four phases follow the double diamond; see
 * README "Facilitating" (Phases) and phase-names.ts.
 *
 * Changing phase only writes the control document's `phase` key. Nothing on the board is
 * hidden or deleted by it: notes, votes, clusters, the roadmap and stories of every phase stay
 * where they are, so the facilitator may go back and forth freely.
 */
import * as Y from 'yjs'
import type { Cluster } from '../board/cluster'
import type { LaneKind } from '../board/lane'
import { NOTE_KINDS, type Note, type NoteKind } from '../board/note'
import { compareIds } from '../order'
import { ROUND_TARGET_KINDS, type RoundTargetKind } from '../voting/round'
import { controlMaps } from './control-doc'
import { isPhase, PHASES, type Phase } from './phase-names'

/**
 * A tool a phase's board offers. `id` names it; only `voting` carries data: the round target
 * kinds a facilitator may open a dot-vote round on in that phase (the first is the default).
 *
 * - `notes`        — add, edit and move sticky notes (kind: see `defaultNoteKind`);
 * - `emotions`     — the emotion curve across the stages;
 * - `structure`    — add, rename, reorder stages (columns) and lanes (rows);
 * - `clusters`     — group related notes into named clusters;
 * - `voting`       — dot-vote rounds on `targets`;
 * - `hmw`          — write "How might we…" problem statements (notes of kind `hmw`);
 * - `ideas`        — ideas per problem statement (notes of kind `idea`);
 * - `impactEffort` — place ideas on the impact / effort matrix;
 * - `roadmap`      — Now / Next / Later roadmap, MVP marking;
 * - `stories`      — user stories with acceptance criteria and MoSCoW priority;
 * - `export`       — export the workshop.
 */
export type PhaseTool =
  | { id: 'notes' | 'emotions' | 'structure' | 'clusters' | 'hmw' | 'ideas' | 'impactEffort' | 'roadmap' | 'stories' | 'export' }
  | { id: 'voting'; targets: readonly RoundTargetKind[] }
export type PhaseToolId = PhaseTool['id']

export const PHASE_TOOL_IDS = [
  'notes',
  'emotions',
  'structure',
  'clusters',
  'voting',
  'hmw',
  'ideas',
  'impactEffort',
  'roadmap',
  'stories',
  'export',
] as const satisfies readonly PhaseToolId[]

/**
 * Message keys for each phase's title and one-line instruction. They follow the catalog's
 * camelCase (client/src/i18n/en.ts and nl.ts); the texts are filled in there.
 */
export const PHASE_MESSAGE_KEYS = [
  'phaseDiscover',
  'phaseDiscoverInstruction',
  'phaseDefine',
  'phaseDefineInstruction',
  'phaseDevelop',
  'phaseDevelopInstruction',
  'phaseDeliver',
  'phaseDeliverInstruction',
] as const
export type PhaseMessageKey = (typeof PHASE_MESSAGE_KEYS)[number]

export interface PhaseInfo {
  phase: Phase
  /** 0 … 3, the index in PHASES. */
  order: number
  titleKey: PhaseMessageKey
  instructionKey: PhaseMessageKey
  tools: readonly PhaseTool[]
}

export const PHASE_INFO: Readonly<Record<Phase, PhaseInfo>> = {
  discover: {
    phase: 'discover',
    order: 0,
    titleKey: 'phaseDiscover',
    instructionKey: 'phaseDiscoverInstruction',
    tools: [{ id: 'notes' }, { id: 'emotions' }, { id: 'structure' }],
  },
  define: {
    phase: 'define',
    order: 1,
    titleKey: 'phaseDefine',
    instructionKey: 'phaseDefineInstruction',
    tools: [{ id: 'notes' }, { id: 'clusters' }, { id: 'voting', targets: ['pain', 'cluster'] }, { id: 'hmw' }],
  },
  develop: {
    phase: 'develop',
    order: 2,
    titleKey: 'phaseDevelop',
    instructionKey: 'phaseDevelopInstruction',
    tools: [{ id: 'ideas' }, { id: 'voting', targets: ['idea', 'hmw'] }, { id: 'impactEffort' }],
  },
  deliver: {
    phase: 'deliver',
    order: 3,
    titleKey: 'phaseDeliver',
    instructionKey: 'phaseDeliverInstruction',
    tools: [{ id: 'roadmap' }, { id: 'stories' }, { id: 'export' }],
  },
}

export function phaseTools(phase: Phase): readonly PhaseTool[] {
  return PHASE_INFO[phase].tools
}

export function hasTool(phase: Phase, id: PhaseToolId): boolean {
  return PHASE_INFO[phase].tools.some((tool) => tool.id === id)
}

/** The phase after `phase`; `undefined` after deliver. */
export function nextPhase(phase: Phase): Phase | undefined {
  return PHASES[PHASE_INFO[phase].order + 1]
}

/** The phase before `phase`; `undefined` before discover. */
export function previousPhase(phase: Phase): Phase | undefined {
  const order = PHASE_INFO[phase].order
  return order === 0 ? undefined : PHASES[order - 1]
}

/**
 * Whether the facilitator may go from `from` to `to`. Any move between valid phases is
 * allowed (forward, back, or a jump) — the function exists so that the rule can tighten later
 * in one place; `setPhaseChecked` and the server ask it. Staying in the same phase is allowed.
 */
export function canMoveTo(from: Phase, to: Phase): boolean {
  return isPhase(from) && isPhase(to)
}

/**
 * Sets the control document's phase if `to` is a phase and `canMoveTo` allows the move from
 * the current one; anything else (a misspelling, a number, `undefined`) is ignored. Writes
 * nothing when the phase is already `to`. Returns whether the phase is `to` afterwards.
 */
export function setPhaseChecked(doc: Y.Doc, to: unknown): boolean {
  if (!isPhase(to)) return false
  const { control } = controlMaps(doc)
  const stored = control.get('phase')
  const from: Phase = isPhase(stored) ? stored : 'discover'
  if (!canMoveTo(from, to)) return false
  if (stored !== to) doc.transact(() => control.set('phase', to))
  return true
}

/**
 * The kind a new note gets when someone adds one without choosing:
 * - discover → `note` (what people observe), but `pain` in the Pain points lane;
 * - define   → `hmw` (the new content of define is problem statements; pains come from discover);
 * - develop  → `idea`;
 * - deliver  → `note` (deliver's content is roadmap items and stories; a note is a remark).
 * A note in a `pains` lane is a `pain` in every phase.
 */
export function defaultNoteKind(phase: Phase, laneKind?: LaneKind): NoteKind {
  if (laneKind === 'pains') return 'pain'
  switch (phase) {
    case 'discover':
      return 'note'
    case 'define':
      return 'hmw'
    case 'develop':
      return 'idea'
    case 'deliver':
      return 'note'
  }
}

/**
 * The round target kinds the facilitator may open a dot-vote round on in `phase` (from its
 * `voting` tool; the first is the default): define → pain, cluster; develop → idea, hmw;
 * discover and deliver → none.
 */
export function votableKinds(phase: Phase): readonly RoundTargetKind[] {
  for (const tool of PHASE_INFO[phase].tools) if (tool.id === 'voting') return tool.targets
  return []
}

/**
 * The note kinds a round's targets are drawn from. `note` means any note (as the phone view
 * already reads it); a specific kind means notes of that kind; `cluster` means none — its
 * targets are cluster ids, not notes. Garbage → none.
 */
export function noteKindsForRound(targetKind: RoundTargetKind): readonly NoteKind[] {
  if (!(ROUND_TARGET_KINDS as readonly string[]).includes(targetKind)) return []
  if (targetKind === 'cluster') return []
  if (targetKind === 'note') return NOTE_KINDS
  return [targetKind]
}

export interface VoteTarget {
  id: string
  /** The note's text or the cluster's name, as written (may be empty). */
  label: string
}

/** What a round's votes go to: the notes of its kinds, or the clusters. */
export function voteTargets(notes: readonly Note[], clusters: readonly Cluster[], targetKind: RoundTargetKind): VoteTarget[] {
  if (targetKind === 'cluster') return clusters.map((c) => ({ id: c.id, label: c.title })).sort((a, b) => a.label.localeCompare(b.label) || compareIds(a.id, b.id))
  const kinds = noteKindsForRound(targetKind)
  return notes.filter((n) => kinds.includes(n.kind)).map((n) => ({ id: n.id, label: n.text }))
}
