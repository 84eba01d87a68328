/**
 * Job slots (each one a sandbox uid, `SANDBOX_UID_BASE + slot`) leased across every grading
 * process on the machine, so two runs at once (two `npm run grade`, or a grade and a mocha
 * run) never give one uid to two submissions: a job kills every process of its uid when it
 * ends, and shares RLIMIT_NPROC and the memory watchdog with whatever else runs as that uid.
 *
 * A lease is a lock file per slot, created with O_CREAT|O_EXCL and holding the owner's pid and
 * start time. A lock whose owner is gone (the pid is dead, or now belongs to a process that
 * started later) is stale and is reclaimed, under a short per-slot reclaim lock so that two
 * processes never both remove it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Slots 0 … SLOT_COUNT-1 (uids 61000 … 61999). */
export const SLOT_COUNT = 1000;
/** A reclaim lock older than this was left by a process that died inside a few-µs step. */
const RECLAIM_STALE_MS = 60_000;

/** A slot held by this process until `release()`. */
export interface SlotLease {
  slot: number;
  release(): void;
}

export class SlotError extends Error {
  override name = 'SlotError';
}

/**
 * The lock folder: root's under /run (not writable by sandbox users, who could otherwise
 * pre-create locks or the folder itself); a per-user folder under the temp folder otherwise.
 */
export function defaultLockDir(): string {
  const uid = process.getuid?.() ?? 0;
  return uid === 0 && fs.existsSync('/run')
    ? '/run/notebook-to-production/sandbox-slots'
    : path.join(os.tmpdir(), `n2p-sandbox-slots-${uid}`);
}

function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const st = fs.lstatSync(dir);
  const uid = process.getuid?.();
  // A folder another user made or can write to could hold forged locks.
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) {
    throw new SlotError(`${dir} must be a folder owned by this user and writable by no one else`);
  }
}

/** Start time of a process in clock ticks since boot (Linux); undefined elsewhere or when gone. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may hold spaces and parentheses, so count from its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `pid start-time token`: the token makes every lock's text unique. */
function ownerLine(): string {
  return `${process.pid} ${startTimeOf(process.pid) ?? '-'} ${randomBytes(6).toString('hex')}\n`;
}

/** True when the lock text names a process that no longer runs (or a reused pid). */
export function isStale(text: string): boolean {
  const [pidText, start] = text.trim().split(' ');
  const pid = Number(pidText);
  // An empty or half-written lock: its writer is inside its first syscalls, or died there.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!alive(pid)) return true;
  const now = startTimeOf(pid);
  return start !== undefined && start !== '-' && now !== undefined && now !== start;
}

function tryCreate(file: string): boolean {
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644);
    try {
      fs.writeSync(fd, ownerLine());
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/**
 * Removes `file` if its owner is gone. Only the holder of `<file>.reclaim` removes it, and it
 * re-reads the lock first: a fresh lock is only ever created where none exists, so the text
 * it read cannot be replaced behind its back.
 */
function reclaim(file: string): void {
  const guard = `${file}.reclaim`;
  try {
    if (Date.now() - fs.statSync(guard).mtimeMs > RECLAIM_STALE_MS) fs.rmSync(guard, { force: true });
  } catch {
    // no reclaim lock
  }
  if (!tryCreate(guard)) return; // another process is reclaiming this slot: try the next one
  try {
    const text = readOr(file, '');
    if (text !== '' && isStale(text)) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

const held = new Set<string>();
process.once('exit', () => {
  for (const f of held) fs.rmSync(f, { force: true });
});

/**
 * Leases the lowest free slot. @param dir the lock folder (tests pass their own)
 * @throws SlotError when every slot is held by a running process
 */
export function acquireSlot(dir = defaultLockDir()): SlotLease {
  ensureDir(dir);
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const file = path.join(dir, `slot-${slot}.lock`);
    if (!tryCreate(file)) {
      reclaim(file);
      if (!tryCreate(file)) continue;
    }
    held.add(file);
    const mine = readOr(file, '');
    return {
      slot,
      release: () => {
        held.delete(file);
        // Only our own lock: never one a reclaimer handed to someone else after we were presumed dead.
        if (readOr(file, '') === mine) fs.rmSync(file, { force: true });
      },
    };
  }
  throw new SlotError(`all ${SLOT_COUNT} sandbox slots in ${dir} are held by running grading processes`);
}
