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

  it('takes PostgreSQL and Redis URLs only with their schemes, naming the variable', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/horizon', PG_POOL_MAX: '4', REDIS_PREFIX: 'h1:' })).toMatchObject({ databaseUrl: 'postgresql://u@db/horizon', pgPoolMax: 4, redisPrefix: 'h1:' })
    expect(() => loadConfig({ DATABASE_URL: 'mysql://127.0.0.1/test' })).toThrow('DATABASE_URL must be a URL (postgres://… or postgresql://…), got mysql://…')
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/)
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must be a URL \(redis:\/\/… or rediss:\/\/…\)/)
    expect(() => loadConfig({ PG_POOL_MAX: '0' })).toThrow(/PG_POOL_MAX/)
    expect(loadConfig({}).pgSynchronousCommit).toBe(false)
    expect(loadConfig({ PG_SYNCHRONOUS_COMMIT: 'on' }).pgSynchronousCommit).toBe(true)
    expect(loadConfig({ PG_SYNCHRONOUS_COMMIT: 'OFF' }).pgSynchronousCommit).toBe(false)
    expect(() => loadConfig({ PG_SYNCHRONOUS_COMMIT: 'sometimes' })).toThrow('PG_SYNCHRONOUS_COMMIT must be on or off, got "sometimes"')
  })

  it('will not fan out over Redis without a shared store and a shared SECRET', async () => {
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }
    await expect(startServer({ ...DEFAULTS, port: 0, secret: 's', redisUrl: 'redis://127.0.0.1:6379' }, quiet)).rejects.toThrow(/REDIS_URL needs DATABASE_URL/)
    await expect(startServer({ ...DEFAULTS, port: 0, secret: undefined, databaseUrl: 'postgres://127.0.0.1/test', redisUrl: 'redis://127.0.0.1:6379' }, quiet)).rejects.toThrow(/REDIS_URL needs SECRET/)
  })

  it('refuses to start, saying which, when PostgreSQL or Redis cannot be reached', async () => {
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }
    // Port 1: nothing listens there.
    await expect(startServer({ ...DEFAULTS, port: 0, databaseUrl: 'postgres://postgres@127.0.0.1:1/test' }, quiet)).rejects.toThrow(/ECONNREFUSED/)
  })
})
