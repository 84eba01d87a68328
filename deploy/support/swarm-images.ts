/**
 * The images the Swarm test deploys, built once per run from this repository and the local
 * base image (no registry): the API (the root Dockerfile), the same API with a second model
 * version baked in, a broken release of it, HAProxy and PostgreSQL from Debian, and Prometheus.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { writeFixtureArtifact } from '../../solutions/service/fixture-artifact';
import { BASE_IMAGE, docker } from '../../grading/harness/docker';
import { REPO_ROOT } from '../../grading/harness/repo-root';

const run = promisify(execFile);

export const IMAGES = {
  /** The root Dockerfile; the image test builds the same tag, so one build serves both. */
  api: 'notebook-to-production/spam-api:test',
  /** `api` plus model 1.1.0, so a MODEL_VERSION change is a real model change. */
  release: 'notebook-to-production/spam-api:swarm-test',
  /** `release` whose health check never passes: what a rollback is for. */
  broken: 'notebook-to-production/spam-api:swarm-broken',
  lb: 'notebook-to-production/spam-lb:test',
  db: 'notebook-to-production/postgres:test',
  prometheus: 'notebook-to-production/prometheus:swarm-test',
} as const;

/** Where `name` is on PATH (the Prometheus image takes this machine's binary), or undefined. */
export function findOnPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, name))
    .find((p) => existsSync(p));
}

/** Made per run, removed after it; the others are kept so the next run reuses their layers. */
export const PER_RUN_IMAGES = [IMAGES.release, IMAGES.broken, IMAGES.prometheus];

/** `docker build`; on failure the error ends with the build's last lines, not just "Command failed". */
async function build(tag: string, context: string, timeoutMs = 30 * 60_000): Promise<void> {
  try {
    await run('docker', ['build', '-t', tag, context], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; signal?: string };
    const tail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`docker build -t ${tag} failed${e.signal ? ` (${e.signal}: over ${timeoutMs / 60_000} min)` : ''}:\n${tail}`);
  }
}

/** A throwaway build context holding `dockerfile` (and whatever `fill` writes), built as `tag`. */
async function buildFrom(tag: string, dockerfile: string, fill: (dir: string) => void = () => undefined): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-image-'));
  try {
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    fill(dir);
    await build(tag, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The release image: the committed model 1.0.0 and a small real 1.1.0 trained by the toolkit. */
function releaseImage(api: string): Promise<void> {
  return buildFrom(IMAGES.release, `FROM ${api}\nCOPY models/spam/1.1.0 /app/models/spam/1.1.0\n`, (dir) => {
    writeFixtureArtifact(path.join(dir, 'models'), '1.1.0');
  });
}

/** Stands in for a release that never becomes ready (a model that cannot load, a missing dependency). */
function brokenImage(): Promise<void> {
  return buildFrom(
    IMAGES.broken,
    `FROM ${IMAGES.release}\nHEALTHCHECK --interval=2s --timeout=2s --retries=2 CMD ["node", "-e", "process.exit(1)"]\n`,
  );
}

/**
 * Prometheus: this machine's binary (a static Go program) on the base image, laid out as the
 * official image (entrypoint /bin/prometheus, data in /prometheus, user nobody), so the stack
 * file works with either.
 */
function prometheusImage(binary: string): Promise<void> {
  const dockerfile = [
    `FROM ${BASE_IMAGE}`,
    'COPY prometheus /bin/prometheus',
    'RUN mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus',
    'USER nobody',
    'WORKDIR /prometheus',
    'ENTRYPOINT ["/bin/prometheus"]',
  ].join('\n');
  return buildFrom(IMAGES.prometheus, `${dockerfile}\n`, (dir) => copyFileSync(realpathSync(binary), path.join(dir, 'prometheus')));
}

/**
 * Builds every image the stack needs; the API first (slow once, then cached), the rest in
 * parallel. `SWARM_API_IMAGE` names an API image to test instead of building the root
 * Dockerfile (a released image, or one built by an earlier step).
 */
export async function buildSwarmImages(prometheusBinary: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const api = env['SWARM_API_IMAGE'] || IMAGES.api;
  if (api === IMAGES.api) await build(IMAGES.api, REPO_ROOT);
  await Promise.all([
    releaseImage(api).then(brokenImage),
    build(IMAGES.lb, path.join(REPO_ROOT, 'deploy', 'swarm', 'haproxy')),
    build(IMAGES.db, path.join(REPO_ROOT, 'deploy', 'swarm', 'postgres')),
    prometheusImage(prometheusBinary),
  ]);
}

export async function removePerRunImages(): Promise<void> {
  await docker(['rmi', '-f', ...PER_RUN_IMAGES]).catch(() => undefined);
}
