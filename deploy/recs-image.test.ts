import assert from 'node:assert/strict';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { DOCKER, requireSystem } from '../scripts/test-support/require-system';
import { configureTestcontainers, docker, ensureBaseImage } from '../grading/harness/docker';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { LoopbackContainer } from './support/loopback-container';
import { poll } from './support/net';

/** Tag of the image these tests build (deploy/recs/Dockerfile); kept so the next run reuses its layers. */
const IMAGE = 'notebook-to-production/recs-api:test';
const PORT = 3001;

describe('the recommendation API image (deploy/recs/Dockerfile: build + run)', function () {
  this.timeout(60_000);
  let container: StartedTestContainer | undefined;
  let base = '';

  before(async function () {
    this.timeout(10 * 60_000);
    await requireSystem(this, DOCKER);
    configureTestcontainers();
    await ensureBaseImage();
  });

  before(async function () {
    // Its first layers (npm ci, the SQLite build) are the spam API image's, cached once either is built.
    this.timeout(10 * 60_000);
    await GenericContainer.fromDockerfile(REPO_ROOT, 'deploy/recs/Dockerfile').withCache(true).build(IMAGE, { deleteOnExit: false });
  });

  before(async function () {
    this.timeout(90_000);
    container = await new LoopbackContainer(IMAGE)
      .withExposedPorts(PORT)
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(60_000)
      .start();
    base = `http://127.0.0.1:${container.getMappedPort(PORT)}`;
  });

  after(async () => {
    await container?.stop({ timeout: 10 }).catch(() => undefined);
  });

  it('is ready on port 3001 with the committed recommender', async () => {
    const ready = await poll(
      '/health/ready = 200',
      async () => {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        return res.status === 200 ? ((await res.json()) as { model: { name: string; version: string } }) : undefined;
      },
      30,
      500,
    );
    assert.deepEqual(ready.model, { name: 'recs', version: '2010.5.0' });
  });

  it('answers GET /recommendations with titled items, and the fallback for an unknown user', async () => {
    const known = (await (await fetch(`${base}/recommendations?user=17&k=5`)).json()) as {
      items: { title: string | null }[];
      fallback: string | null;
    };
    assert.equal(known.items.length, 5);
    assert.equal(known.fallback, null);
    assert.ok(known.items.every((i) => typeof i.title === 'string'));
    const unknown = (await (await fetch(`${base}/recommendations?user=999999&k=2`)).json()) as { fallback: string | null };
    assert.equal(unknown.fallback, 'popularity');
    assert.equal((await fetch(`${base}/recommendations?user=17&k=0`)).status, 400);
  });

  it('serves its page and runs as a non-root user', async () => {
    assert.match(await (await fetch(`${base}/`)).text(), /Customer id/);
    const { output, exitCode } = await container!.exec(['id', '-u']);
    assert.equal(exitCode, 0);
    assert.notEqual(output.trim(), '0');
  });

  it('stops cleanly on SIGTERM within 10 s', async () => {
    const id = container!.getId();
    await docker(['kill', '--signal', 'TERM', id]);
    const code = Number((await docker(['wait', id], 10_000)).trim());
    assert.ok(code === 0 || code === 143, `exit code ${code}; logs:\n${await docker(['logs', '--tail', '20', id]).catch(() => '')}`);
  });
});
