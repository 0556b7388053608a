/**
 * Per-IP limits (rate-limiter-flexible). One instance counts in memory. Several instances
 * (REDIS_URL) count in Redis, so an address gets the same allowance however a load balancer
 * spreads its requests; while Redis cannot be reached each instance falls back to counting in
 * its own memory (the insurance limiter) rather than refusing everyone or letting everyone in.
 * Each check resolves to allowed or not.
 */
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

export interface RateLimits {
  /** A new websocket connection. */
  connection(ip: string): Promise<boolean>
  /** A REST call that creates something (workshop, participant). */
  create(ip: string): Promise<boolean>
  /** Whether this address may still try a join code (wrong ones are counted by `joinFailed`). */
  joinAllowed(ip: string): Promise<boolean>
  joinFailed(ip: string): Promise<void>
}

/** Where several instances keep their counts: a Redis connection and the deployment's key prefix. */
export interface SharedCounts {
  client: Redis
  prefix: string
}

export function createRateLimits(perMinute: { connections: number; creates: number; joinFailures: number }, shared?: SharedCounts): RateLimits {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: 60 })
    if (!shared) return memory
    return new RateLimiterRedis({
      storeClient: shared.client,
      keyPrefix: `${shared.prefix}rl:${keyPrefix}`,
      points,
      duration: 60,
      // Not ready (reconnecting): count here at once instead of queueing behind the outage.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    })
  }
  const connections = limiter('conn', perMinute.connections)
  const creates = limiter('create', perMinute.creates)
  const joinFailures = limiter('joinfail', perMinute.joinFailures)
  const consume = async (limiter: RateLimiterAbstract, ip: string) => {
    try {
      await limiter.consume(ip)
      return true
    } catch (error) {
      if (error instanceof RateLimiterRes) return false
      throw error
    }
  }
  return {
    connection: (ip) => consume(connections, ip),
    create: (ip) => consume(creates, ip),
    async joinAllowed(ip) {
      const res = await joinFailures.get(ip)
      return !res || res.consumedPoints < perMinute.joinFailures
    },
    async joinFailed(ip) {
      await consume(joinFailures, ip)
    },
  }
}
