/**
 * How the REST API answers and reads: JSON errors (`HttpError` → `{error}` with its status), the
 * security headers every answer carries, request bodies with a size limit, and the attachment
 * header of exports.
 */
import type http from 'node:http'
import contentDisposition from 'content-disposition'
import { parseJsonText } from '../../shared/validation'

/** A failure the client caused: answered as `{error}` with `status` (4xx). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Headers of every answer (set per request in `createHttpHandler`, with the CSP below). */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** A Host header (or a PUBLIC_URL's host) fit to appear in a header: host name or address, port. */
export const HOST = /^[A-Za-z0-9.[\]:-]{1,255}$/

/**
 * The Content-Security-Policy: the app's own scripts, styles, fonts and fetches only, plus the
 * sync socket on the page's own host (ws: and wss:, for a server behind a TLS proxy). Images
 * may be data: and blob: URLs (the QR code, the board's PNG); nothing may frame the app, and
 * no plugin, <base> or foreign form target is allowed. The built client has no inline script
 * or style (React's `style` props go through the CSSOM, which style-src does not govern).
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}


const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * `attachment` with a file name from the workshop's title (the `content-disposition` package
 * writes the header): an ASCII-only `filename` for old clients ("Zoë’s café — 日本" →
 * "Zoes-cafe") and the title itself as `filename*` (RFC 6266 / RFC 8187, UTF-8), without path
 * separators or control characters.
 */
export function attachmentHeader(title: string, extension: string): string {
  const name = title.trim()
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f'’`]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 80)
      .replace(/[-.]+$/, '') || 'workshop'
  const utf8 = name.replace(LONE_SURROGATE, '\uFFFD').replace(/[\p{Cc}/\\]+/gu, ' ').trim() || 'workshop'
  return contentDisposition(`${utf8}.${extension}`, { fallback: `${ascii}.${extension}` })
}

/** The request body, refused with 413 as soon as it passes `maxBytes`. */
export async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw new HttpError(413, `request body is larger than ${maxBytes} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength
    if (size > maxBytes) throw new HttpError(413, `request body is larger than ${maxBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const parsed = parseJsonText((await readBody(req, maxBytes)).toString('utf8'))
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  return parsed.value
}

/** A path segment decoded, or '' when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return ''
  }
}
