/**
 * What the image and smoke steps ask of a container engine, as an interface (tests pass a
 * fake), and its implementation on the `docker` command line. Containers publish on
 * 127.0.0.1 only.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { docker } from '../../grading/harness/docker';
import { freePort } from '../../deploy/support/net';

const run = promisify(execFile);

/** A file or folder to put in the build context, at `to` (relative to it). */
export interface ContextFile {
  from: string;
  to: string;
}

export interface Engine {
  /** Builds `tag` from `dockerfile` and `files`; throws with the build's last lines. */
  build(tag: string, dockerfile: string, files: readonly ContextFile[]): Promise<void>;
  /** Starts a container of `image` with port 3000 published on 127.0.0.1; resolves to its id and URL. */
  start(image: string, env: Record<string, string>): Promise<{ id: string; url: string }>;
  /** The container's last log lines (for a smoke test that failed). */
  logs(id: string): Promise<string>;
  remove(id: string): Promise<void>;
}

/** The engine on `docker`, which can also remove whatever it started that is still there. */
export interface DockerEngine extends Engine {
  /** Removes every container this engine started and has not removed; resolves to how many. */
  removeStarted(): Promise<number>;
}

/** The label each container carries: which engine (so which pipeline run) started it. */
const RUN_LABEL = 'notebook-to-production.pipeline-run';

export function dockerEngine(): DockerEngine {
  // Labelled rather than only remembered: a container whose `docker run` was still under way
  // when the run was cut short is found too.
  const runId = randomBytes(8).toString('hex');
  // Counted before `docker run` returns; while none began, cleaning up needs no Docker at all.
  let starts = 0;
  return {
    async build(tag, dockerfile, files) {
      const dir = mkdtempSync(path.join(tmpdir(), 'pipeline-image-'));
      try {
        writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
        for (const f of files) cpSync(f.from, path.join(dir, f.to), { recursive: true });
        await run('docker', ['build', '-t', tag, dir], { timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message?: string };
        const tail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n') || e.message;
        throw new Error(`docker build -t ${tag} failed:\n${tail}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async start(image, env) {
      starts += 1;
      const port = await freePort();
      const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      const id = (
        await docker(['run', '-d', '--label', `${RUN_LABEL}=${runId}`, '-p', `127.0.0.1:${port}:3000`, ...envArgs, image])
      ).trim();
      return { id, url: `http://127.0.0.1:${port}` };
    },
    logs: (id) => docker(['logs', '--tail', '20', id]).catch((e: Error) => e.message),
    async remove(id) {
      await docker(['rm', '-f', id]).catch(() => undefined);
    },
    async removeStarted() {
      if (starts === 0) return 0;
      const ids = (await docker(['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`]).catch(() => ''))
        .split('\n')
        .filter((id) => id.trim() !== '');
      if (ids.length > 0) await docker(['rm', '-f', ...ids]).catch(() => undefined);
      return ids.length;
    },
  };
}
