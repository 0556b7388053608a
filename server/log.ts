/** A minimal leveled logger; tests pass a silent one. */
export interface Logger {
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

export const consoleLogger: Logger = {
  info: (message, ...details) => console.log(`[horizon] ${message}`, ...details),
  warn: (message, ...details) => console.warn(`[horizon] ${message}`, ...details),
  error: (message, ...details) => console.error(`[horizon] ${message}`, ...details),
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}
