/**
 * Instructor checks for lab 03 by effect, across a container's life: the image runs as
 * compose.yaml has Compose run it (its volumes, environment and `init`), then is stopped and
 * replaced by a new container, as `docker compose up` does after a rebuild. The prediction log
 * must be in the new container, and PID 1 must be an init. The image is the one the public
 * checks built for this submission (`submissionImage`), not a second build.
 */
import { check, note, skipCheck, submission } from '../../../grading/harness';
import { dockerUnavailable } from '../../../grading/harness/docker';
import { builtService, composeCommand } from '../grader/compose-config';
import { LIMITS } from '../grader/image';
import { submissionImage } from '../grader/submission-image';
import {
  cleanUp,
  type ComposeRun,
  composeRun,
  removeContainer,
  type Started,
  startContainer,
  stopContainer,
  INITS,
  pidOneCommand,
} from './lifecycle';

const TEXTS = [
  'Free money now!!! Click here to claim your prize',
  'Lunch tomorrow at noon? The usual place.',
  'URGENT: your account needs verification, reply with your password',
  'Minutes of the meeting are attached.',
  'Grüße aus München, see you next week',
];
/** More than the 20 rows a drift report needs, so the new container can say how many it found. */
const PREDICTIONS = 25;

interface First {
  tag: string;
  run: ComposeRun;
  first: Started;
}

describe('lab-03 instructor checks: the container across its life', () => {
  let setup: Promise<First> | undefined;
  const started: string[] = [];

  /** Builds the image and starts the first container once; every check shares it (or why it failed). */
  const first = async (): Promise<First> => {
    const missing = await dockerUnavailable();
    if (missing) skipCheck(`no Docker here: ${missing}`);
    const cmd = await composeCommand();
    if (!cmd) skipCheck('no Docker Compose here (neither docker compose nor docker-compose answers)');
    const dockerfile = submission().readText('Dockerfile');
    const compose = submission().readText('compose.yaml');
    if (dockerfile === undefined) throw new Error('the Dockerfile is missing');
    if (compose === undefined) throw new Error('compose.yaml is missing');
    setup ??= (async () => {
      const run = composeRun(await builtService(cmd, compose, dockerfile));
      const tag = await submissionImage();
      try {
        const container = await startContainer(tag, run);
        started.push(container.id);
        return { tag, run, first: container };
      } catch (e) {
        await cleanUp(run);
        throw e;
      }
    })();
    return setup;
  };

  after(async function () {
    this.timeout(LIMITS.stop + 90_000);
    const done = await setup?.catch(() => undefined);
    for (const id of started) await removeContainer(id);
    // The image is the submission's shared one: its run removes it at its end.
    if (done) await cleanUp(done.run);
  });

  check(
    "PID 1 in the running container is an init (tini, or compose's init: true), not node, npm or a shell",
    1,
    'Dockerfile: ENTRYPOINT ["/usr/bin/tini", "--"] (install tini in the final stage), or init: true in compose.yaml',
    async () => {
      // Node as PID 1 drains on SIGTERM (it installs a handler), but reaps only its own children
      // and is never killed by a signal it has no handler for: an init does both for it.
      const { first: container } = await first();
      const command = await pidOneCommand(container.id);
      const program = (command.split(' ')[0] ?? '').split('/').pop() ?? '';
      if (!INITS.test(program))
        throw new Error(
          `PID 1 in the container runs "${command.slice(0, 200)}": expected an init (tini, docker-init, dumb-init) that starts node`,
        );
      note(`PID 1: ${command.slice(0, 120)}`);
    },
  ).timeout(LIMITS.build + LIMITS.start + LIMITS.request * 3 + 30_000);

  check(
    `the prediction log outlives the container: ${PREDICTIONS} predictions, docker stop, and a new container with compose.yaml's volumes still has them`,
    2,
    "compose.yaml: a named volume mounted on the prediction log's folder (PREDICTION_LOG, /app/data in the brief), declared under the top-level volumes:",
    async () => {
      const { tag, run, first: container } = await first();
      for (let i = 0; i < PREDICTIONS; i++) {
        const res = await fetch(`${container.base}/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: `${TEXTS[i % TEXTS.length]} (${i})` }),
          signal: AbortSignal.timeout(LIMITS.request),
        });
        if (res.status !== 200) throw new Error(`POST /predict number ${i + 1} answered ${res.status}: expected 200`);
      }
      // Past the log's flush interval: what this check is about is where the file lives, not the
      // rows a stop may lose (lab 04's concern).
      await new Promise((r) => setTimeout(r, 1_000));
      const stopped = await stopContainer(container.id);
      note(`docker stop took ${(stopped.ms / 1000).toFixed(1)} s (exit code ${stopped.code})`);
      const next = await startContainer(tag, run);
      started.push(next.id);
      const res = await fetch(`${next.base}/monitoring/drift`, { signal: AbortSignal.timeout(LIMITS.request) });
      const body = (await res.json().catch(() => ({}))) as { report?: { current_rows?: unknown }; error?: { message?: unknown } };
      const rows = body.report?.current_rows;
      if (res.status !== 200 || typeof rows !== 'number' || rows < PREDICTIONS)
        throw new Error(
          `after ${PREDICTIONS} predictions, docker stop and a new container on the same volumes, GET /monitoring/drift answered ${res.status} ` +
            `${JSON.stringify(body.error?.message ?? rows)}: the log stayed in the old container's file system`,
        );
    },
  ).timeout(LIMITS.build + 2 * LIMITS.start + LIMITS.stop + (PREDICTIONS + 2) * LIMITS.request + 60_000);
});
