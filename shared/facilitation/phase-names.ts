/** The four phases of the double diamond, in order (see README, "Facilitating"). */
export const PHASES = ['discover', 'define', 'develop', 'deliver'] as const
export type Phase = (typeof PHASES)[number]

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value)
}
