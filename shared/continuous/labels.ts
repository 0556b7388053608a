/** English names of the phases, for snapshot names the server gives (the UI translates its own). */
import type { Phase } from '../facilitation/phase-names'

export const PHASE_LABEL: Record<Phase, string> = { discover: 'Discover', define: 'Define', develop: 'Develop', deliver: 'Deliver' }
