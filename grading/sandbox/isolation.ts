/**
 * How the submission's process is started, per isolation mode.
 *
 * - `process` as root: own network namespace (loopback down), own PID namespace (killing its
 *   first process kills everything it forked), a distinct unprivileged uid per job slot with
 *   RLIMIT_NPROC (contains a fork bomb to that slot), a V8 heap cap plus an RSS watchdog.
 * - `process` as another user: same user, own process group, heap cap and watchdog only.
 * - `docker`: a container with no network, memory/pids/cpu limits, the repository mounted
 *   folders it may read mounted read-only (never `solutions/`, `grading/` beyond the worker,
 *   or `reports/`), the submission copied in.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_IMAGE } from '../harness/docker';
import { REPO_ROOT } from '../harness/repo-root';

export type Isolation = 'docker' | 'process';

/** First uid of the per-slot sandbox users (one uid per parallel job slot). */
export const SANDBOX_UID_BASE = 61000;
/** Tasks (processes + threads) a sandbox user may have: node with tsx needs ~40. */
export const NPROC_LIMIT = 160;

export interface SandboxSpec {
  isolation: Isolation;
  /** Folder holding the learner's files (the worker's working directory). */
  labDir: string;
  /** Staged root: the learner's folder, scratch folder, links to the shared repo folders. */
  rootDir: string;
  /** Writable scratch folder (HOME, TMPDIR, unix sockets), inside rootDir. */
  tmpDir: string;
  /** Job slot: picks the sandbox uid. */
  slot: number;
  memoryMb: number;
  /** Container name (docker only), so a timeout can remove it. */
  name: string;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

export function sandboxUid(slot: number): number {
  return SANDBOX_UID_BASE + slot;
}

function nodeArgs(spec: SandboxSpec): string[] {
  return [`--max-old-space-size=${spec.memoryMb}`, '--require', require.resolve('tsx/cjs'), path.join(__dirname, 'worker.ts'), spec.labDir];
}

function env(spec: SandboxSpec): string[] {
  return [`PATH=${process.env['PATH'] ?? '/usr/bin:/bin'}`, `HOME=${spec.tmpDir}`, `TMPDIR=${spec.tmpDir}`, 'NODE_ENV=test'];
}

/**
 * Docker mounts: only the repository entries a submission may read (the same ones the staged
 * root links to), the worker's own folder, all read-only; and the staged root.
 */
function mounts(spec: SandboxSpec): string[] {
  const shared = fs.readdirSync(spec.rootDir).filter((e) => fs.lstatSync(path.join(spec.rootDir, e)).isSymbolicLink());
  const ro = [...shared.map((e) => path.join(REPO_ROOT, e)), __dirname];
  return [...ro.flatMap((p) => ['-v', `${p}:${p}:ro`]), '-v', `${spec.rootDir}:${spec.rootDir}`];
}

/** The command (argv) that starts the worker for `spec`. */
export function workerCommand(spec: SandboxSpec): string[] {
  if (spec.isolation === 'docker') {
    const uid = isRoot() ? sandboxUid(spec.slot) : (process.getuid?.() ?? 1000);
    return [
      'docker',
      'run',
      '-i',
      '--rm',
      '--name',
      spec.name,
      '--network',
      'none',
      '--memory',
      `${spec.memoryMb + 256}m`,
      '--memory-swap',
      `${spec.memoryMb + 256}m`,
      '--pids-limit',
      String(NPROC_LIMIT),
      '--cpus',
      '1',
      '--user',
      `${uid}:${uid}`,
      '--read-only',
      ...mounts(spec),
      '-v',
      `${spec.rootDir}:${spec.rootDir}`,
      '-w',
      spec.labDir,
      ...env(spec).flatMap((e) => ['-e', e]),
      BASE_IMAGE,
      'node',
      ...nodeArgs(spec),
    ];
  }
  return sandboxedCommand(spec, [process.execPath, ...nodeArgs(spec)]);
}

/**
 * `argv` run in `spec`'s sandbox with process isolation: as root, its own network and PID
 * namespaces, the slot's uid and limits, a clean environment (plus `extraEnv`). `loopback`
 * brings the namespace's own loopback up (still no route out): Jupyter talks to its kernel over
 * 127.0.0.1. Not root: `argv` as is, as the current user.
 */
export function sandboxedCommand(spec: SandboxSpec, argv: string[], o: { loopback?: boolean; extraEnv?: string[] } = {}): string[] {
  if (!isRoot()) return argv;
  const uid = String(sandboxUid(spec.slot));
  const lo = o.loopback ? ['sh', '-c', 'ip link set lo up && exec "$0" "$@"'] : [];
  return [
    'unshare',
    '--net',
    '--pid',
    '--fork',
    '--kill-child',
    ...lo,
    'prlimit',
    `--nproc=${NPROC_LIMIT}`,
    '--core=0',
    '--nofile=512',
    'setpriv',
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    'env',
    '-i',
    ...env(spec),
    ...(o.extraEnv ?? []),
    ...argv,
  ];
}

/**
 * Kills every process of a job slot's sandbox uid (root only; a no-op otherwise). All of them
 * belong to the job using the slot, including forks that left its process group; kill(-1)
 * sent as that uid reaches exactly those. Needed because changing uid clears the
 * parent-death signal that `unshare --kill-child` relies on.
 */
export function killSlot(slot: number): void {
  if (!isRoot()) return;
  const uid = String(sandboxUid(slot));
  spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', 'kill', '-9', '-1'], { stdio: 'ignore', timeout: 10000 });
}
