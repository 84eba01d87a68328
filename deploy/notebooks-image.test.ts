/**
 * The self-learner's `docker compose up`, service `notebooks`, for real: the image is built on
 * the base image (a local stand-in where no registry answers), started with the repository
 * mounted as compose mounts it, and the lessons are executed inside it, each with the kernel it
 * asks for (`tslab-course`). The datasets are hidden from the container (an empty tmpfs over
 * datasets/build/), so the first start must build them, as it must on a fresh checkout.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DOCKER, requireSystem } from '../scripts/test-support/require-system';
import { docker, ensureBaseImage } from '../grading/harness/docker';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { inLanes } from '../notebook-tools/execute';

/** Tag of the image these tests build; kept afterwards so the next run reuses its layers. */
const IMAGE = 'notebook-to-production/notebooks:test';
const READY = /The course is ready in Jupyter Notebook\. Open:\s+http:\/\/127\.0\.0\.1:8888\/tree\?token=(\w+)/;

/** The lessons as CI runs them: the solution notebook where there is one, else the learner's. */
function lessons(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'notebooks'))
    .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
    .sort()
    .map((name) => {
      const solution = path.join('solutions', 'notebooks', name);
      try {
        if (statSync(path.join(REPO_ROOT, solution)).isFile()) return solution;
      } catch {
        // no solution notebook for this lesson: it has no exercises
      }
      return path.join('notebooks', name);
    });
}

/** The container's output, stdout and stderr (where `npm start` reports what went wrong). */
async function containerLog(id: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)('docker', ['logs', id], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout + stderr;
}

/** Polls the container's log until `pattern` shows, the container stops, or `seconds` pass. */
async function waitForLog(id: string, pattern: RegExp, seconds: number): Promise<RegExpExecArray> {
  let log = '';
  for (let i = 0; i < seconds; i++) {
    log = await containerLog(id).catch((e: Error) => e.message);
    const found = pattern.exec(log);
    if (found) return found;
    if ((await docker(['inspect', '--format', '{{.State.Running}}', id])).trim() !== 'true') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the container did not print ${pattern} within ${seconds} s; its log:\n${log}`);
}

/** Runs `lesson` top to bottom inside container `id`, as the user Jupyter runs as, with the kernel it names. */
async function executeInContainer(id: string, lesson: string): Promise<void> {
  await docker(
    [
      'exec',
      // Lesson 04 exports the learner's model into the mounted repository's labs/ unless told
      // otherwise; a test run must leave the repository as it found it. One folder per lesson,
      // as two run at once.
      '-e',
      `COURSE_MODELS_DIR=/tmp/course-models/${path.basename(lesson, '.ipynb')}`,
      id,
      'course-entrypoint',
      'jupyter',
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      '--ExecutePreprocessor.timeout=600',
      '--ExecutePreprocessor.startup_timeout=300',
      '--output-dir',
      '/tmp/executed',
      `/course/${lesson}`,
    ],
    15 * 60_000,
  );
}

describe('the notebooks image (compose service notebooks), lessons executed inside it', function () {
  this.timeout(60_000);
  let id = '';
  let log = '';
  let token = '';

  before(async function () {
    this.timeout(25 * 60_000); // a first build installs Jupyter and every npm package
    await requireSystem(this, DOCKER);
    await ensureBaseImage();
    const built = Date.now();
    await docker(['build', '-f', 'deploy/notebooks/Dockerfile', '-t', IMAGE, REPO_ROOT], 20 * 60_000);
    console.log(`      image built in ${((Date.now() - built) / 1000).toFixed(0)} s`);
  });

  before(async function () {
    this.timeout(6 * 60_000); // the first start builds the datasets
    const mounts = ['-v', `${REPO_ROOT}:/course`, '-v', '/course/node_modules', '--tmpfs', '/course/datasets/build:mode=1777'];
    id = (await docker(['run', '-d', '--init', '-p', '127.0.0.1::8888', ...mounts, IMAGE])).trim();
    const started = Date.now();
    token = (await waitForLog(id, READY, 5 * 60))[1];
    log = await containerLog(id);
    console.log(`      first start (datasets built) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });

  after(async () => {
    if (id) await docker(['rm', '-f', id]).catch(() => undefined);
  });

  it('builds the missing datasets on first start', async () => {
    assert.match(log, /building the datasets/);
    await docker(['exec', id, 'test', '-s', '/course/datasets/build/manifest.json']);
  });

  it('offers the tslab-course kernel, on a port published on 127.0.0.1 only', async () => {
    const [binding] = JSON.parse(await docker(['inspect', '--format', '{{json (index .NetworkSettings.Ports "8888/tcp")}}', id])) as Array<{
      HostIp: string;
      HostPort: string;
    }>;
    assert.equal(binding?.HostIp, '127.0.0.1');
    const specs = (await (
      await fetch(`http://127.0.0.1:${binding.HostPort}/api/kernelspecs?token=${token}`, { signal: AbortSignal.timeout(10_000) })
    ).json()) as { kernelspecs: Record<string, unknown> };
    assert.ok('tslab-course' in specs.kernelspecs, `kernels offered: ${Object.keys(specs.kernelspecs).join(', ')}`);
  });

  it('runs Jupyter as the owner of the mounted checkout', async () => {
    const top = (await docker(['top', id, '-eo', 'pid,uid,args']))
      .split('\n')
      .filter((line) => /jupyter-notebook --notebook-dir/.test(line));
    assert.equal(top.length, 1, `no single Jupyter process in:\n${await docker(['top', id])}`);
    assert.equal(top[0].trim().split(/\s+/)[1], String(statSync(REPO_ROOT).uid));
  });

  it('becomes the owner of whatever checkout is mounted, so what the course writes belongs to the learner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'course-owner-'));
    try {
      if (process.getuid?.() === 0) chownSync(dir, 4321, 4321); // as root, prove it with a uid no image user has
      assert.equal((await docker(['run', '--rm', '-v', `${dir}:/course`, IMAGE, 'id', '-u'])).trim(), String(statSync(dir).uid));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Each lesson's executed notebook, or why it did not run (nbconvert exits non-zero when a cell raises). */
  const runs = new Map<string, { executed?: string; error?: Error }>();

  before(async function () {
    this.timeout(40 * 60_000);
    const started = Date.now();
    // Two lessons at a time: a run is mostly one busy kernel, so two fit a 2-core machine.
    await inLanes(
      lessons().map((lesson) => async () => {
        try {
          await executeInContainer(id, lesson);
          runs.set(lesson, { executed: await docker(['exec', id, 'cat', `/tmp/executed/${path.basename(lesson)}`]) });
        } catch (error) {
          runs.set(lesson, { error: error as Error });
        }
      }),
      2,
    );
    console.log(`      ${runs.size} lessons executed in ${((Date.now() - started) / 1000).toFixed(0)} s, two at a time`);
  });

  for (const lesson of lessons()) {
    it(`${path.basename(lesson)} runs top to bottom with the tslab-course kernel`, () => {
      const run = runs.get(lesson);
      if (!run?.executed) throw run?.error ?? new Error(`${lesson} was not run`);
      const executed = JSON.parse(run.executed) as {
        metadata: { kernelspec: { name: string } };
        cells: Array<{ cell_type: string; outputs?: Array<{ output_type: string }> }>;
      };
      assert.equal(executed.metadata.kernelspec.name, 'tslab-course');
      const code = executed.cells.filter((c) => c.cell_type === 'code');
      // tslab leaves execution_count empty, so outputs are the sign the cells ran.
      assert.ok(code.filter((c) => (c.outputs ?? []).length > 0).length >= Math.min(3, code.length), 'the cells printed nothing');
      assert.ok(!code.some((c) => c.outputs?.some((o) => o.output_type === 'error')), 'a cell printed an error');
    });
  }
});
