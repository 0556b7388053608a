/**
 * Real write failures for a server process, without root and without a code flag: the
 * process's file-size limit (RLIMIT_FSIZE, set from outside with util-linux `prlimit`) is put to
 * 0, so every write it makes to a file fails in the kernel (EFBIG, as a full disk fails with
 * ENOSPC) — SQLite's WAL appends included — while reads still work. Node ignores SIGXFSZ, so
 * the process lives on and sees only the failing writes. Lifting the limit lets them through.
 */
import { execFileSync } from 'node:child_process'

/** Whether `prlimit` is there (util-linux); when it is not, the tests say so and skip (fail in CI). */
export function hasPrlimit(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Every file write of process `pid` fails from now on (reads work). */
export function failWrites(pid: number): void {
  execFileSync('prlimit', ['--pid', String(pid), '--fsize=0:unlimited'])
}

/** Writes of process `pid` work again. */
export function allowWrites(pid: number): void {
  execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:unlimited'])
}
