import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { probeDrain } from '../../server-template/src/drain-probe';
import { fixtureModels } from './testing';

const MAIN = path.join(__dirname, 'main.ts');
const DRAIN_DELAY_MS = 1_000;
const SHUTDOWN_TIMEOUT_MS = 6_000;

interface Child {
  process: ChildProcess;
  url: string;
  /** Resolves with the exit code and the milliseconds from `kill` to the exit. */
  exited: Promise<{ code: number | null; afterKillMs: number }>;
  /** Log lines seen so far (JSON). */
  logs: Array<Record<string, unknown>>;
  kill(): void;
}

/** `npm run serve`'s entry as a child process, on a free port; resolves once it listens. */
function serve(modelsDir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MODELS_DIR: modelsDir,
      MODEL_VERSION: '1.0.0',
      PREDICTION_LOG: ':memory:',
      LOG_LEVEL: 'info',
      DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let killedAt = 0;
  const exited = new Promise<{ code: number | null; afterKillMs: number }>((resolve) => {
    child.once('exit', (code) => resolve({ code, afterKillMs: Date.now() - killedAt }));
  });
  const logs: Array<Record<string, unknown>> = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not listen within 60 s')), 60_000);
    void exited.then(({ code }) => reject(new Error(`the service exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (record['msg'] !== 'request completed') logs.push(record);
      if (record['msg'] === 'listening') {
        clearTimeout(timer);
        const kill = (): void => {
          killedAt = Date.now();
          child.kill('SIGTERM');
        };
        resolve({ process: child, url: `http://127.0.0.1:${String(record['port'])}`, exited, logs, kill });
      }
    });
  });
}

describe('reference service: SIGTERM under kept-alive load (child process)', function () {
  this.timeout(90_000);
  let modelsDir: string;
  let child: Child | undefined;
  before(() => {
    modelsDir = fixtureModels();
  });
  after(() => {
    if (child?.process.exitCode === null) child.process.kill('SIGKILL');
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('loses no request: readiness 503 first, Connection: close while draining, exit 0 within the bound', async () => {
    child = await serve(modelsDir);
    const running = child;
    const report = await probeDrain({ url: running.url, connections: 16, stop: () => running.kill(), maxRequests: 20_000, maxMs: 30_000 });
    const { code, afterKillMs } = await running.exited;

    assert.deepEqual(report.failures, {}, `failed requests: ${JSON.stringify(report)}`);
    assert.ok(report.ok >= 160, `the load ran: ${JSON.stringify(report)}`);
    assert.ok(report.readiness503AfterMs !== undefined, 'readiness answered 503 before the port closed');
    assert.ok(report.sentWhileDraining > 0, 'requests were sent after readiness failed');
    assert.equal(report.keptAliveWhileDraining, 0, 'every response while draining carries Connection: close');
    assert.equal(code, 0);
    assert.ok(afterKillMs < SHUTDOWN_TIMEOUT_MS + 1_000, `exited ${afterKillMs} ms after SIGTERM`);
    const summary = running.logs.find((r) => r['msg'] === 'shut down');
    assert.ok(
      summary && typeof summary['waitedMs'] === 'number' && summary['atSignal'],
      `the log says what it waited for: ${JSON.stringify(summary)}`,
    );
  });
});
