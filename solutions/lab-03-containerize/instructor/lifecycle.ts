/**
 * Lab 03's service across a container's life, run as compose.yaml has Compose run it: the
 * volumes and environment Compose resolves, an init when it says `init: true`. Used by
 * lifecycle.grader.ts: a second container on the same volumes must find the first one's
 * prediction log, and PID 1 must reap orphaned processes. Every wait is bounded.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { docker } from '../../../grading/harness/docker';
import type { Service } from '../grader/compose-config';
import { LIMITS } from '../grader/image';

/** How the grader starts a container like Compose would: `docker run` arguments and what to clean up. */
export interface ComposeRun {
  args: string[];
  /** Named volumes created for this run (removed by `cleanUp`). */
  volumes: string[];
  /** Host folders standing in for bind mounts. */
  folders: string[];
}

/** `name:/target[:mode]` or `./dir:/target` (what docker-compose v1 prints) in the long syntax. */
function shortVolume(text: string): { type: string; source?: string; target?: string } {
  const [source, target] = text.split(':');
  if (target === undefined) return { type: 'volume', target: source };
  return { type: /^[./~]/.test(source ?? '') ? 'bind' : 'volume', source, target };
}

/** `docker run` arguments for `service`: fresh named volumes and folders in place of its own, its environment, its init. */
export function composeRun(service: Service): ComposeRun {
  const run: ComposeRun = { args: [], volumes: [], folders: [] };
  const id = randomBytes(4).toString('hex');
  for (const entry of service.volumes ?? []) {
    const v = typeof entry === 'string' ? shortVolume(entry) : entry;
    if (!v.target) continue;
    if (v.type === 'volume') {
      const name = `n2p-grading-lab03-${id}-${run.volumes.length}`;
      run.volumes.push(name);
      run.args.push('-v', `${name}:${v.target}`);
    } else if (v.type === 'bind') {
      // Writable by the image's user, whoever it is: the check is about where the data lives.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-bind-'));
      fs.chmodSync(dir, 0o777);
      run.folders.push(dir);
      run.args.push('-v', `${dir}:${v.target}`);
    }
  }
  const env = service.environment ?? {};
  const pairs = Array.isArray(env) ? env.map((e) => e.split(/=(.*)/s).slice(0, 2)) : Object.entries(env);
  for (const [k, v] of pairs) if (k && v !== null && v !== undefined) run.args.push('-e', `${k}=${v}`);
  if (service.init === true) run.args.push('--init');
  return run;
}

/** A started container: its id and `http://127.0.0.1:<port>`. */
export interface Started {
  id: string;
  base: string;
}

/** Starts `tag` with `run`'s arguments, port 3000 on 127.0.0.1, 1 CPU and 1 GiB; waits until /health/ready answers 200. */
export async function startContainer(tag: string, run: ComposeRun): Promise<Started> {
  const id = (await docker(['run', '-d', '--cpus', '1', '--memory', '1g', '-p', '127.0.0.1::3000', ...run.args, tag], LIMITS.start)).trim();
  const port = (await docker(['port', id, '3000/tcp'], LIMITS.request)).trim().split('\n')[0]?.split(':').pop();
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + LIMITS.start;
  for (;;) {
    const status = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { id, base };
    if (Date.now() > deadline) {
      await removeContainer(id);
      throw new Error(
        `the container did not answer GET /health/ready with 200 within ${LIMITS.start / 1000} s (last: ${status || 'no answer'})`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `docker stop` (SIGTERM, then SIGKILL after Docker's 10 s); resolves to the exit code and how long it took. */
export async function stopContainer(id: string): Promise<{ code: number; ms: number }> {
  const t0 = Date.now();
  await docker(['stop', '-t', '10', id], LIMITS.stop + 20_000);
  const code = Number((await docker(['inspect', '-f', '{{.State.ExitCode}}', id], LIMITS.request)).trim());
  return { code, ms: Date.now() - t0 };
}

export async function removeContainer(id: string): Promise<void> {
  await docker(['rm', '--force', '--volumes', id], 30_000).catch(() => undefined);
}

/** Removes what `composeRun` created. */
export async function cleanUp(run: ComposeRun): Promise<void> {
  for (const v of run.volumes) await docker(['volume', 'rm', '--force', v], 30_000).catch(() => undefined);
  for (const d of run.folders) fs.rmSync(d, { recursive: true, force: true });
}

/** PID 1's command line in the container (`/proc/1/cmdline`, read by the container's own node). */
export async function pidOneCommand(id: string): Promise<string> {
  const read = "process.stdout.write(require('fs').readFileSync('/proc/1/cmdline', 'utf8').split('\\0').filter(Boolean).join(' '))";
  return (await docker(['exec', id, 'node', '-e', read], LIMITS.request)).trim();
}

/** Programs that are an init: they forward signals to their child and reap every orphan. */
export const INITS = /^(tini|docker-init|dumb-init|catatonit|s6-svscan)$/;
