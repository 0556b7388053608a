import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../server/app'
import { DEFAULTS, loadConfig } from '../../server/config'

describe('configuration from the environment', () => {
  it('takes the defaults when nothing is set, and empty values as unset', () => {
    expect(loadConfig({})).toEqual(DEFAULTS)
    expect(loadConfig({ PORT: '', HOST: '', SECRET: '', DATABASE_URL: '' })).toEqual(DEFAULTS)
  })

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      DATA_DIR: 'somewhere',
      SECRET: 's3cret',
      DATABASE_URL: 'postgres://127.0.0.1/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      MAX_PAYLOAD_BYTES: '2048',
      MAX_BODY_BYTES: '4096',
      MAX_IMPORT_BYTES: '8192',
      MAX_DOC_BYTES: '16384',
      CONNECTIONS_PER_MINUTE: '500',
      COMPACT_EVERY: '50',
    })
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      dataDir: path.resolve('somewhere'),
      secret: 's3cret',
      databaseUrl: 'postgres://127.0.0.1/test',
      redisUrl: 'redis://127.0.0.1:6379',
      maxPayloadBytes: 2048,
      maxBodyBytes: 4096,
      maxImportBytes: 8192,
      maxDocBytes: 16384,
      connectionsPerMinute: 500,
      compactEvery: 50,
    })
  })

  it('refuses numbers that are not whole or below their minimum, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be an integer ≥ 0, got "eighty"')
    expect(() => loadConfig({ MAX_PAYLOAD_BYTES: '10' })).toThrow('MAX_PAYLOAD_BYTES must be an integer ≥ 1024, got "10"')
    expect(() => loadConfig({ CONNECTIONS_PER_MINUTE: '1.5' })).toThrow(/CONNECTIONS_PER_MINUTE/)
    expect(() => loadConfig({ COMPACT_EVERY: '0' })).toThrow(/COMPACT_EVERY/)
  })

  it('will not start with DATABASE_URL or REDIS_URL, which are documented as not built yet', async () => {
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }
    for (const setting of [{ databaseUrl: 'postgres://127.0.0.1/test' }, { redisUrl: 'redis://127.0.0.1:6379' }]) {
      await expect(startServer({ ...DEFAULTS, port: 0, ...setting }, quiet)).rejects.toThrow(/DATABASE_URL and REDIS_URL .* are not implemented yet/)
    }
  })
})
