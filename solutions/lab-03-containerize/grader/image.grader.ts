/**
 * Docker checks for lab 03: build your Dockerfile from the repository root (as the brief
 * does), run it with its port on 127.0.0.1, and check what a deployment relies on. Without a
 * Docker engine (or the base image) these checks are skipped, with the reason: their points
 * are then neither given nor taken (see the brief's points table). The last one stops the
 * container under load, so it runs last.
 */
import assert from 'node:assert/strict';
import { check, skipCheck, submission } from '../../../grading/harness';
import { drainProblems, drainUnderLoad } from './drain';
import { expectNone } from './files';
import { buildAndRun, dockerMissing, LIMITS, processUids, removeContainer, removeImage, type Running } from './image';

describe('lab-03 Docker checks', () => {
  let started: Promise<Running> | undefined;

  /** Builds and starts once; every check shares the container (or the reason it failed). */
  const image = async (): Promise<Running> => {
    const missing = await dockerMissing();
    if (missing) skipCheck(`no Docker here: ${missing}`);
    const text = submission().readText('Dockerfile');
    if (text === undefined) throw new Error('the Dockerfile is missing');
    started ??= buildAndRun(text);
    return started;
  };

  after(async function () {
    this.timeout(LIMITS.stop + 70_000);
    const run = await started?.catch(() => undefined);
    if (!run) return;
    await removeContainer(run.container.getId());
    await removeImage(run.tag);
  });

  check('the image builds, starts, and GET /health/ready answers 200', 2, 'Dockerfile: build stages, COPY of the model, CMD', async () => {
    const { base } = await image();
    const deadline = Date.now() + LIMITS.ready;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (e) {
        last = (e as Error).message;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.fail(`GET /health/ready did not answer 200 within ${LIMITS.ready / 1000} s (last: ${last})`);
  }).timeout(LIMITS.build + LIMITS.start + LIMITS.ready + 30_000);

  check(
    'POST /predict {"text":"Free money now!!!"} answers spam',
    2,
    'Dockerfile: the CMD starts the service with the model in models/',
    async () => {
      const { base } = await image();
      const res = await fetch(`${base}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Free money now!!!' }),
        signal: AbortSignal.timeout(LIMITS.request),
      });
      const body = (await res.json().catch(() => undefined)) as { prediction?: unknown } | undefined;
      assert.deepEqual({ status: res.status, prediction: body?.prediction }, { status: 200, prediction: 'spam' });
    },
  ).timeout(LIMITS.request + 30_000);

  check('in the running container, no process runs as root', 2, 'Dockerfile: USER in the final stage', async () => {
    const { container } = await image();
    const uids = await processUids(container.getId());
    assert.ok(uids.length > 0, 'docker top listed no process');
    assert.deepEqual(
      uids.filter((u) => u === '0' || u === 'root'),
      [],
      `processes run as root (uids: ${uids.join(', ')})`,
    );
  }).timeout(LIMITS.request + 30_000);

  check(
    'SIGTERM under kept-alive load drains: no request fails, readiness 503 first, exit code 0 within 10 s',
    4,
    'Dockerfile: ENV NODE_ENV=production (and no DRAIN_DELAY_MS=0) in the final stage; CMD in exec form, node itself started, nothing that exits before it',
    async () => {
      const outcome = await drainUnderLoad(await image());
      expectNone(drainProblems(outcome), 'expected every request answered, readiness 503 while draining, and exit code 0');
    },
  ).timeout(LIMITS.stop + LIMITS.request + 60_000);
});
