/**
 * Access tokens: HS256 JWTs (jose) signed with SECRET, bound to one workshop, one role and
 * one participant id. Verification checks the signature, the algorithm, that the token expires
 * (`exp` is required) and the claims' shape. Whether the token was revoked since (a removed
 * participant, a rotated viewer link) is the store's to say: see `server/access.ts`.
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
  /**
   * Viewer tokens: the workshop's viewer-link generation they were issued under (claim `vg`).
   * Rotating the viewer link bumps the workshop's generation, and older tokens stop working.
   * Tokens from before rotation existed carry none and count as generation 0.
   */
  viewerGeneration?: number
}

const claimsSchema = z.object({
  wid: z.string().min(1),
  role: z.enum(ROLES),
  sub: z.string().min(1),
  vg: z.number().int().nonnegative().optional(),
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
    async sign({ workshopId, role, participantId, viewerGeneration }) {
      return new SignJWT({ wid: workshopId, role, ...(role === 'viewer' && viewerGeneration !== undefined && { vg: viewerGeneration }) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(participantId)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(key)
    },
    async verify(token) {
      if (token.length > 4096) return undefined
      try {
        // A token without an expiry would be valid forever: refused (every token we sign has one).
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp'] })
        const claims = claimsSchema.safeParse(payload)
        if (!claims.success) return undefined
        const { wid, role, sub, vg } = claims.data
        return { workshopId: wid, role, participantId: sub, ...(role === 'viewer' && { viewerGeneration: vg ?? 0 }) }
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
