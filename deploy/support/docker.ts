import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (this file lives in deploy/support/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The image the Dockerfiles build FROM. */
export const BASE_IMAGE = 'node:20-bookworm-slim';

/**
 * Why Docker tests cannot run here, or `undefined` when an engine answers `docker info`.
 * Tests skip (printing this reason) only when no engine can be reached.
 */
export async function dockerUnavailable(): Promise<string | undefined> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 });
    return undefined;
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return `no Docker engine reachable (docker info failed: ${reason.split('\n')[0]})`;
  }
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
