/**
 * Docker checks for lab 03: build your Dockerfile from the repository root (as the brief
 * does, with your .dockerignore and your own labs 01, 02 and 04 where you changed them), run
 * it with its port on 127.0.0.1, and check what a deployment relies on: what the image really
 * holds, what Docker's health check reports, how Compose reads compose.yaml. Without a Docker
 * engine (or the base image, or Compose) these checks are skipped, with the reason: their
 * points are then neither given nor taken (see the brief's points table). The last one stops
 * the container under load, so it runs last.
 */
import assert from 'node:assert/strict';
import { dockerUnavailable } from '../../../grading/harness/docker';
import { check, skipCheck, submission } from '../../../grading/harness';
import { composeCommand, composeConfigProblems } from './compose-config';
import { drainProblems, drainUnderLoad } from './drain';
import { expectNone } from './files';
import { LIMITS, processUids, removeContainer, type Running, runImage } from './image';
import { buildLeftovers, healthProblems, leftoverProblems, waitHealthy } from './inspect';
import { submissionImage } from './submission-image';

/** POSTs `body` to /predict; resolves to the status and the parsed JSON body (undefined when it is not JSON). */
async function predict(base: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const res = await fetch(`${base}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(LIMITS.request),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

describe('lab-03 Docker checks', () => {
  let started: Promise<Running> | undefined;

  /** Builds and starts once; every check shares the container (or the reason it failed). */
  const image = async (): Promise<Running> => {
    const missing = await dockerUnavailable();
    if (missing) skipCheck(`no Docker here: ${missing}`);
    if (submission().readText('Dockerfile') === undefined) throw new Error('the Dockerfile is missing');
    started ??= submissionImage().then(runImage);
    return started;
  };

  after(async function () {
    this.timeout(LIMITS.stop + 70_000);
    const run = await started?.catch(() => undefined);
    // The image stays for the instructor checks; the submission's run removes it at its end.
    if (run) await removeContainer(run.container.getId());
  });

  check(
    'compose.yaml as Compose reads it: built from the repository root with this Dockerfile, port 3000 on 127.0.0.1',
    2,
    'compose.yaml: build (context ../.., dockerfile labs/lab-03-containerize/Dockerfile), ports',
    async () => {
      const cmd = await composeCommand();
      if (!cmd) skipCheck('no Docker Compose here (neither docker compose nor docker-compose answers)');
      const text = submission().readText('compose.yaml');
      if (text === undefined) throw new Error('compose.yaml is missing');
      expectNone(await composeConfigProblems(cmd, text, submission().readText('Dockerfile')), 'expected Compose to build this lab');
    },
  ).timeout(LIMITS.request * 3 + 10_000);

  check(
    'the image builds with your .dockerignore, starts, and GET /health/ready answers 200',
    2,
    'Dockerfile: build stages, COPY of the model, CMD; .dockerignore: what it leaves out',
    async () => {
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
    },
  ).timeout(LIMITS.build + LIMITS.start + LIMITS.ready + 30_000);

  check(
    'POST /predict {"text":"Free money now!!!"} answers spam',
    2,
    'Dockerfile: the CMD starts the service with the model in models/',
    async () => {
      const { base } = await image();
      const { status, json } = await predict(base, { text: 'Free money now!!!' });
      assert.deepEqual({ status, prediction: json?.prediction }, { status: 200, prediction: 'spam' });
    },
  ).timeout(LIMITS.request + 30_000);

  check(
    'your service is in the image: POST /predict with {"text": 42} answers 400 with a JSON error',
    2,
    'labs/lab-02-harden-the-api/src/validate.ts (the image runs your own labs 01, 02, 04)',
    async () => {
      const { base } = await image();
      const { status, json } = await predict(base, { text: 42 });
      const code = (json?.error as { code?: unknown } | undefined)?.code;
      assert.ok(
        status === 400 && typeof code === 'string',
        `expected 400 with {"error": {"code": …}}, got ${status} ${JSON.stringify(json).slice(0, 200)}`,
      );
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
    'the running image holds no dev packages and no compilers',
    2,
    'Dockerfile: the final stage FROM the pinned image (not FROM build), COPY of the production node_modules only',
    async () => {
      const { container } = await image();
      expectNone(leftoverProblems(await buildLeftovers(container.getId())), 'expected only what the service runs');
    },
  ).timeout(LIMITS.request + 30_000);

  check(
    "Docker's own health check reports the container healthy",
    2,
    'Dockerfile: HEALTHCHECK (its port, its path, its interval and start period)',
    async () => {
      const { container, startedAt } = await image();
      const seen = await waitHealthy(container.getId(), startedAt + LIMITS.healthy);
      expectNone(healthProblems(seen, Date.now() - startedAt), 'expected the status healthy');
    },
  ).timeout(LIMITS.healthy + LIMITS.request + 30_000);

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
