/**
 * Imported first by main.tsx. zod compiles object schemas with `new Function` when it may; the
 * page's Content-Security-Policy forbids that (script-src 'self', no 'unsafe-eval'), and even
 * zod's probe for it is reported as a violation. Interpreted parsing is plenty fast for the
 * records the browser reads.
 */
import { z } from 'zod'

z.config({ jitless: true })
