/** `npm start` / `npm run serve`: one Horizon server from the environment. */
import { startServer } from './app'
import { loadConfig } from './config'
import { consoleLogger } from './log'

async function main(): Promise<void> {
  const config = loadConfig()
  const server = await startServer(config, consoleLogger)
  const where = config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : config.dataDir
  consoleLogger.info(`listening on ${server.url} (data in ${where}${config.redisUrl ? '; fan-out over Redis' : ''})`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    consoleLogger.info(`${signal}: closing connections and flushing storage`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('shutdown failed', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  consoleLogger.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
