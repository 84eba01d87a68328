/**
 * Talking to the Docker engine, for lab 03's checks, the sandbox's docker isolation, the deploy
 * tests and the benches: one base image name, one answer to "can Docker be used here?", and a
 * bounded `docker` call.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-root';

const run = promisify(execFile);

/** The image the course's Dockerfiles build FROM, and the sandbox's docker isolation runs. */
export const BASE_IMAGE = 'node:20-bookworm-slim';

export interface DockerNeeds {
  /** Also require BASE_IMAGE on this machine (no registry is assumed to be reachable). Default true. */
  baseImage?: boolean;
}

/** One question to the engine, and what a failure means for the caller. */
interface Probe {
  args: string[];
  reason: (detail: string) => string;
}

const PROBE_MS = 20_000;

function probes({ baseImage = true }: DockerNeeds): Probe[] {
  const engine: Probe = {
    args: ['info', '--format', '{{.ServerVersion}}'],
    reason: (detail) => `no Docker engine answers (docker info failed: ${detail})`,
  };
  const image: Probe = {
    args: ['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE],
    reason: () => `the base image ${BASE_IMAGE} is not on this machine (build it with deploy/base-image.sh)`,
  };
  return baseImage ? [engine, image] : [engine];
}

/** The first line Docker printed on stderr, else the error's own message. */
function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
  return (stderr || (error as Error).message).split('\n')[0] ?? '';
}

/**
 * Why Docker cannot be used here, or `undefined` when it can: the engine answers `docker info`
 * and, unless `needs.baseImage` is false, BASE_IMAGE is present locally. Callers skip (printing
 * the reason) only for this, never for something a learner did.
 */
export async function dockerUnavailable(needs: DockerNeeds = {}): Promise<string | undefined> {
  for (const probe of probes(needs)) {
    try {
      await run('docker', probe.args, { timeout: PROBE_MS });
    } catch (error) {
      return probe.reason(firstLine(error));
    }
  }
  return undefined;
}

/** `dockerUnavailable`, blocking: for choosing the isolation mode before anything else runs. */
export function dockerUnavailableSync(needs: DockerNeeds = {}): string | undefined {
  for (const probe of probes(needs)) {
    try {
      execFileSync('docker', probe.args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: PROBE_MS });
    } catch (error) {
      return probe.reason(firstLine(error));
    }
  }
  return undefined;
}

/**
 * Settings testcontainers needs here: no reaper container (it would need an image from a
 * registry; tests stop their own containers), and 127.0.0.1 as the Docker host. Without the
 * override, testcontainers running inside a container (/.dockerenv) waits on the bridge
 * gateway's address, where a port published on 127.0.0.1 never answers.
 */
export function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

/** True when `name` is a program on PATH. */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)));
}

/** Runs deploy/base-image.sh, which makes sure the base image exists (pull, or a local stand-in). */
export async function ensureBaseImage(): Promise<void> {
  const script = path.join(REPO_ROOT, 'deploy', 'base-image.sh');
  const { stdout } = await run('bash', [script], { cwd: REPO_ROOT, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  process.stdout.write(stdout.replace(/^/gm, '      '));
}

/** `docker <args>` with a time limit; resolves to stdout. */
export async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await run('docker', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}
