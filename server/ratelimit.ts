/** Per-IP limits (rate-limiter-flexible, in memory). Each check resolves to allowed or not. */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export interface RateLimits {
  /** A new websocket connection. */
  connection(ip: string): Promise<boolean>
  /** A REST call that creates something (workshop, participant). */
  create(ip: string): Promise<boolean>
  /** Whether this address may still try a join code (wrong ones are counted by `joinFailed`). */
  joinAllowed(ip: string): Promise<boolean>
  joinFailed(ip: string): Promise<void>
}

export function createRateLimits(perMinute: { connections: number; creates: number; joinFailures: number }): RateLimits {
  const connections = new RateLimiterMemory({ keyPrefix: 'conn', points: perMinute.connections, duration: 60 })
  const creates = new RateLimiterMemory({ keyPrefix: 'create', points: perMinute.creates, duration: 60 })
  const joinFailures = new RateLimiterMemory({ keyPrefix: 'joinfail', points: perMinute.joinFailures, duration: 60 })
  const consume = async (limiter: RateLimiterMemory, ip: string) => {
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
