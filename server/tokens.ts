/**
 * Access tokens: HS256 JWTs (jose) signed with SECRET, bound to one workshop, one role and
 * one participant id. Verification checks the signature, the algorithm and the claims' shape.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SignJWT, jwtVerify } from 'jose'
import { z } from 'zod'
import { ROLES, type Role } from '../shared/roles'

export interface TokenClaims {
  workshopId: string
  role: Role
  participantId: string
}

const claimsSchema = z.object({
  wid: z.string().min(1),
  role: z.enum(ROLES),
  sub: z.string().min(1),
})

const TOKEN_LIFETIME = '365d'

export interface TokenService {
  sign(claims: TokenClaims): Promise<string>
  /** The claims, or `undefined` for anything that is not a valid token of ours. */
  verify(token: string): Promise<TokenClaims | undefined>
}

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret)
  return {
    async sign({ workshopId, role, participantId }) {
      return new SignJWT({ wid: workshopId, role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(participantId)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(key)
    },
    async verify(token) {
      if (token.length > 4096) return undefined
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] })
        const claims = claimsSchema.safeParse(payload)
        if (!claims.success) return undefined
        return { workshopId: claims.data.wid, role: claims.data.role, participantId: claims.data.sub }
      } catch {
        return undefined
      }
    },
  }
}

/** SECRET from the environment, else the one kept in DATA_DIR, else a new one kept there. */
export function resolveSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured
  const file = path.join(dataDir, 'secret')
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = crypto.randomBytes(32).toString('hex')
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}
