/** Lengths and ranges the UI, the API, the readers and the import all hold to. */
export const LIMITS = {
  title: 200,
  scopeField: 1000,
  name: 80,
  noteText: 5000,
  storyField: 2000,
  acceptanceItems: 50,
  coordinate: 1_000_000,
} as const

/** Largest body of POST /api/workshops/import by default (the server's MAX_IMPORT_BYTES). */
export const DEFAULT_MAX_IMPORT_BYTES = 20 * 1024 * 1024

/** A board coordinate within ±LIMITS.coordinate; anything not finite is 0. */
export function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, value))
}
