/**
 * Everything a benchmark starts that must not outlive it: server child processes and temp
 * directories. Each bench removes its own in `finally`; this registry is the backstop for an
 * error or Ctrl-C halfway (the `exit` handler kills what is left and deletes the directories).
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const children = new Set<ChildProcess>()
const dirs = new Set<string>()

export function trackChild(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
}

/** A new temp directory, removed at the latest when the process exits. */
export function tempDir(prefix = 'horizon-bench-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  dirs.add(dir)
  return dir
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
  dirs.delete(dir)
}

function cleanupNow(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL')
    } catch {
      // already gone
    }
  }
  children.clear()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs.clear()
}

process.on('exit', cleanupNow)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanupNow()
    process.exit(130)
  })
}
