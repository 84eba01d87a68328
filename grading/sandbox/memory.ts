/** Resident memory of a sandbox, read from /proc (Linux). */
import * as fs from 'node:fs';

function statusField(status: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return m ? Number(m[1]) : undefined;
}

function readStatus(pid: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

/** Total resident memory (MiB) of every process whose real uid is `uid`. */
export function rssOfUid(uid: number): number {
  let kib = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const status = readStatus(pid);
    if (status && /^Uid:\s+(\d+)/m.exec(status)?.[1] === String(uid)) kib += statusField(status, 'VmRSS') ?? 0;
  }
  return kib / 1024;
}

/** Resident memory (MiB) of one process; 0 when it is gone. */
export function rssOfPid(pid: number): number {
  const status = readStatus(String(pid));
  return status ? (statusField(status, 'VmRSS') ?? 0) / 1024 : 0;
}

/** Pids of the live (non-zombie) processes whose real uid is `uid` (to check a sandbox left nothing behind). */
export function pidsOfUid(uid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      const status = readStatus(p) ?? '';
      // Zombies run nothing; they wait for a parent (or init) to collect their exit code.
      return /^Uid:\s+(\d+)/m.exec(status)?.[1] === String(uid) && !/^State:\s+Z/m.test(status);
    })
    .map(Number);
}
