/**
 * Builds the submitted Dockerfile the way the brief does (`docker build -f <your Dockerfile> .`
 * from the repository root) and runs the image with its port published on 127.0.0.1 only.
 * Every wait is bounded. Used by image.grader.ts.
 *
 * The build context is a staged copy of the repository, less this lab's own answer and every
 * lab's checks and fixtures, so a Dockerfile cannot copy the reference answer of the lab it is
 * graded on. The service in it is the learner's: their own files of the labs lab.json's
 * `learner_labs` names (labs 01, 02, 04), where they changed them, replace the reference
 * answers, so a bug in their lab 02 shows in their container. Their .dockerignore is the
 * context's, so what it leaves out is missing from the build, as it would be for them. Build
 * output is not passed on: a failed build is reported by the one line in which Docker names
 * the failing step.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { BASE_IMAGE, configureTestcontainers, docker } from '../../../grading/harness/docker';
import { REPO_ROOT } from '../../../grading/harness/repo-root';

export const LAB_ID = 'lab-03-containerize';
/** Limits, in ms: a first build installs every npm package; later ones reuse Docker's layer cache. */
export const LIMITS = { build: 10 * 60_000, start: 60_000, ready: 30_000, healthy: 45_000, request: 10_000, stop: 10_000 };

/** A container whose published ports bind to 127.0.0.1 only (testcontainers binds all interfaces). */
class LoopbackContainer extends GenericContainer {
  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as { HostIp?: string }[]) binding.HostIp = '127.0.0.1';
    }
  }
}

/** Top-level entries never copied into the context (the repository's .dockerignore drops them too). */
const NEVER = new Set(['.git', '.work', 'node_modules', 'labs', 'grading', 'reports', 'datasets', 'notebooks', 'bench', 'dist']);

/** What the learner brings to the build context beyond the Dockerfile. */
export interface LearnerContext {
  /** The staged `labs/` folder (`submission().stagedLabsDir`): their own files of earlier labs. */
  labsDir?: string;
  /** Their .dockerignore, the context's own; undefined: the context has none. */
  dockerignore?: string;
}

/**
 * Copies the repository into `dir` as the brief's build context, less what the build must not
 * see, with the learner's own lab files and .dockerignore in place.
 */
export function stageContext(dir: string, learner: LearnerContext = {}): void {
  copyRepository(dir);
  if (learner.labsDir !== undefined) overlayLearnerLabs(learner.labsDir, path.join(dir, 'solutions'));
  fs.rmSync(path.join(dir, '.dockerignore'), { force: true });
  if (learner.dockerignore !== undefined) fs.writeFileSync(path.join(dir, '.dockerignore'), learner.dockerignore);
}

/**
 * Every file staged at `labs/<lab>/…` for another lab goes to `solutions/<lab>/…`, where the
 * service (`solutions/service/`) imports it from; the graded lab's own folder is not code.
 */
function overlayLearnerLabs(labsDir: string, solutionsDir: string): void {
  if (!fs.existsSync(labsDir)) return;
  for (const lab of fs.readdirSync(labsDir)) {
    if (lab === LAB_ID || !fs.existsSync(path.join(solutionsDir, lab))) continue;
    fs.cpSync(path.join(labsDir, lab), path.join(solutionsDir, lab), { recursive: true, force: true, verbatimSymlinks: true });
  }
}

function copyRepository(dir: string): void {
  for (const entry of fs.readdirSync(REPO_ROOT)) {
    if (NEVER.has(entry)) continue;
    fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(REPO_ROOT, src).split(path.sep);
        if (rel.includes('node_modules')) return false;
        if (rel[0] !== 'solutions') return true;
        return rel[1] !== LAB_ID && !['submissions', 'instructor', 'grader'].includes(rel[2] ?? '');
      },
    });
  }
}

/** The line in which Docker names the failing step (the learner's own instruction, and its exit code). */
export function buildFailure(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.some((l) => /^(Get "https?:|pull access denied|manifest (for .* )?(unknown|not found))/i.test(l))) {
    return `a FROM image could not be pulled: is its tag right, and is it on this machine? (${BASE_IMAGE} is)`;
  }
  const named = lines.reverse().find((l) => /^(ERROR: |The command |COPY failed|failed to |unable to |pull access denied|error )/i.test(l));
  return (named ?? `docker build failed (${lines.length === 0 ? 'no output' : 'see the brief to build it yourself'})`).slice(0, 400);
}

/** Builds `dockerfile` (its text) in a staged context; resolves to the image tag. */
export async function buildImage(dockerfile: string, learner: LearnerContext = {}): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-'));
  const tag = `n2p-grading/${LAB_ID}:${randomBytes(6).toString('hex')}`;
  try {
    fs.mkdirSync(path.join(work, 'context'));
    stageContext(path.join(work, 'context'), learner);
    fs.writeFileSync(path.join(work, 'Dockerfile'), dockerfile);
    await new Promise<void>((resolve, reject) => {
      execFile(
        'docker',
        ['build', '--rm', '--force-rm', '-f', path.join(work, 'Dockerfile'), '-t', tag, path.join(work, 'context')],
        { timeout: LIMITS.build, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
        (err, _stdout, stderr) => {
          if (!err) return resolve();
          const e = err as Error & { killed?: boolean };
          reject(
            new Error(
              e.killed ? `docker build did not finish within ${LIMITS.build / 1000} s` : `docker build failed: ${buildFailure(stderr)}`,
            ),
          );
        },
      );
    });
    return tag;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A running image of the submission, and how to reach it. */
export interface Running {
  tag: string;
  container: StartedTestContainer;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** When the container listened (ms since the epoch): health is waited for from then. */
  startedAt: number;
}

/**
 * Starts the image `tag` (built by `submissionImage`); the container's port 3000 on 127.0.0.1.
 * The image is not removed here when the container fails: other checks share it.
 */
export async function runImage(tag: string): Promise<Running> {
  configureTestcontainers();
  try {
    const container = await new LoopbackContainer(tag)
      .withExposedPorts(3000)
      .withResourcesQuota({ memory: 1, cpu: 1 })
      // The port, not a log line: the service buffers its logs, so 'listening' may come late.
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(LIMITS.start)
      .start();
    return { tag, container, base: `http://127.0.0.1:${container.getMappedPort(3000)}`, startedAt: Date.now() };
  } catch (e) {
    throw new Error(
      `the image was built but its container did not listen on port 3000 within ${LIMITS.start / 1000} s (${(e as Error).message.split('\n')[0]})`,
    );
  }
}

/** Removes the container, running or stopped. */
export async function removeContainer(id: string): Promise<void> {
  await docker(['rm', '--force', '--volumes', id], 30_000).catch(() => undefined);
}

/**
 * Removes the image's tag. Its layers stay in Docker's build cache, so the next submission's
 * identical steps (installing packages) take seconds; `docker image prune` reclaims them.
 */
export async function removeImage(tag: string): Promise<void> {
  await docker(['rmi', '--force', '--no-prune', tag], 60_000).catch(() => undefined);
}

/** Sends SIGTERM to the container's main process (what `docker stop` sends first). */
export async function sendSigterm(id: string): Promise<void> {
  await docker(['kill', '--signal', 'TERM', id], LIMITS.request);
}

/** Waits at most `timeoutMs` for the container to exit; resolves to its exit code, or undefined when it is still running. */
export async function exitCode(id: string, timeoutMs: number): Promise<number | undefined> {
  try {
    return Number((await docker(['wait', id], Math.max(1_000, timeoutMs))).trim());
  } catch {
    return undefined;
  }
}

/** Uids of the container's processes, as `docker top` sees them. */
export async function processUids(id: string): Promise<string[]> {
  // `docker top` needs the pid column to match processes to the container.
  const lines = (await docker(['top', id, '-o', 'pid,uid'], LIMITS.request)).trim().split('\n');
  return lines
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[1] ?? '')
    .filter((u) => u !== '');
}
