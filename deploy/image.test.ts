import assert from 'node:assert/strict';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { DOCKER, requireSystem } from '../scripts/test-support/require-system';
import { configureTestcontainers, docker, ensureBaseImage } from '../grading/harness/docker';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { LoopbackContainer } from './support/loopback-container';
import { poll } from './support/net';

/** Tag of the image these tests build; kept afterwards so the next run reuses its layers. */
const IMAGE = 'notebook-to-production/spam-api:test';

describe('the API image (docker build + run)', function () {
  this.timeout(60_000);
  let container: StartedTestContainer | undefined;
  let base = '';

  before(async function () {
    // Building the base image stand-in (debootstrap) takes a minute or two, once.
    this.timeout(10 * 60_000);
    await requireSystem(this, DOCKER);
    configureTestcontainers();
    await ensureBaseImage();
  });

  before(async function () {
    // A first build installs compilers and every npm package: minutes, not seconds.
    this.timeout(10 * 60_000);
    await GenericContainer.fromDockerfile(REPO_ROOT).withCache(true).build(IMAGE, { deleteOnExit: false });
  });

  before(async function () {
    this.timeout(90_000);
    container = await new LoopbackContainer(IMAGE)
      .withExposedPorts(3000)
      // The port, not a log line: the service buffers its logs, so 'listening' may come late.
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(60_000)
      .start();
    base = `http://127.0.0.1:${container.getMappedPort(3000)}`;
  });

  after(async () => {
    await container?.stop({ timeout: 10 }).catch(() => undefined);
  });

  it('publishes its port on 127.0.0.1 only', async () => {
    const bindings = JSON.parse(await docker(['inspect', '--format', '{{json .HostConfig.PortBindings}}', container!.getId()])) as Record<
      string,
      { HostIp: string }[]
    >;
    assert.deepEqual(
      Object.values(bindings)
        .flat()
        .map((b) => b.HostIp),
      ['127.0.0.1'],
    );
  });

  it('GET /health/ready answers 200 once the model is loaded', async () => {
    const status = await poll(
      '/health/ready = 200',
      async () => {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        return res.status === 200 ? res.status : undefined;
      },
      30,
      500,
    );
    assert.equal(status, 200);
  });

  it('POST /predict classifies an obvious spam as spam', async () => {
    const res = await fetch(`${base}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Free money now!!!' }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { prediction?: string };
    assert.equal(body.prediction, 'spam');
  });

  it('runs the service as a non-root user', async () => {
    const { output, exitCode } = await container!.exec(['id', '-u']);
    assert.equal(exitCode, 0);
    assert.notEqual(output.trim(), '0');
  });

  it('reports healthy through its own HEALTHCHECK', async () => {
    // Docker runs the first check one interval (10 s) after start; allow three intervals.
    const health = await poll(
      'docker health status "healthy"',
      async () => {
        const status = (await docker(['inspect', '--format', '{{.State.Health.Status}}', container!.getId()])).trim();
        return status === 'healthy' ? status : undefined;
      },
      60,
      500,
    );
    assert.equal(health, 'healthy');
  });

  it('stops cleanly on SIGTERM within 10 s (exit code 0, or 143 from the signal)', async () => {
    const id = container!.getId();
    await docker(['kill', '--signal', 'TERM', id]);
    // `docker wait` prints the exit code once the container has stopped; the 10 s limit is the budget.
    const code = Number((await docker(['wait', id], 10_000)).trim());
    assert.ok(code === 0 || code === 143, `exit code ${code}; logs:\n${await docker(['logs', '--tail', '20', id]).catch(() => '')}`);
  });
});
