import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { ContextFile, Engine } from './engine';
import { candidateDockerfile, candidateTag, imageStep, smokeStep } from './image-steps';
import type { PipelineState } from './step';

const quiet = (): void => undefined;

/** Stands in for the container: answers health with `ready`'s status and /predict as `version`. */
function fakeContainer(behaviour: { ready: number; version: (env: Record<string, string>) => string }) {
  const servers = new Map<string, Server>();
  const removed: string[] = [];
  const engine: Engine = {
    build: async () => undefined,
    async start(_image, env) {
      const server = createServer((req, res) => {
        const status = req.url === '/health/live' ? 200 : req.url === '/health/ready' ? behaviour.ready : 200;
        const body =
          req.url === '/predict' ? { prediction: 'spam', probability: 0.97, model: { name: 'spam', version: behaviour.version(env) } } : {};
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const id = `box-${servers.size}`;
      servers.set(id, server);
      return { id, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    },
    logs: async () => 'the last log lines',
    async remove(id) {
      removed.push(id);
      await new Promise((resolve) => servers.get(id)?.close(resolve));
    },
  };
  return { engine, removed };
}

const state = (): PipelineState => ({
  served: { version: '1.0.0', dir: '/m/1.0.0', where: 'spam_api', image: 'notebook-to-production/spam-api:swarm-test' },
  candidate: { version: '1.0.1', dir: '/out/spam/1.0.1' },
  image: 'notebook-to-production/spam-api:model-1.0.1',
});

describe('the image steps of the pipeline (image → smoke)', () => {
  it('builds one layer on the served image: the candidate, the holdout and HOLDOUT_FILE', async () => {
    const builds: { tag: string; dockerfile: string; files: readonly ContextFile[] }[] = [];
    const engine: Engine = {
      ...fakeContainer({ ready: 200, version: () => '' }).engine,
      build: async (tag, dockerfile, files) => void builds.push({ tag, dockerfile, files }),
    };
    const s = state();
    s.image = undefined;
    const result = await imageStep({ engine, baseImage: 'unused:latest', holdoutFile: 'datasets/build/spam/test.jsonl' }).run(s, quiet);
    assert.equal(result.kind, 'passed');
    assert.equal(s.image, 'notebook-to-production/spam-api:model-1.0.1');
    assert.equal(builds[0]?.dockerfile.split('\n')[0], 'FROM notebook-to-production/spam-api:swarm-test');
    assert.match(
      builds[0]?.dockerfile ?? '',
      /COPY candidate \/app\/models\/spam\/1\.0\.1\nCOPY holdout\.jsonl \/app\/holdout\/test\.jsonl\nENV HOLDOUT_FILE=/,
    );
    assert.deepEqual(
      builds[0]?.files.map((f) => f.to),
      ['candidate', 'holdout.jsonl'],
    );
  });

  it('passes a container that is live, ready and answers /predict as the candidate, then removes it', async () => {
    const box = fakeContainer({ ready: 200, version: (env) => env.MODEL_VERSION ?? 'none' });
    const result = await smokeStep({ engine: box.engine, bounds: { attempts: 5, intervalMs: 10 } }).run(state(), quiet);
    assert.equal(result.kind, 'passed', JSON.stringify(result));
    assert.match(result.kind === 'passed' ? result.summary : '', /\/predict answered by 1\.0\.1/);
    assert.deepEqual(box.removed, ['box-0']);
  });

  it("passes a container whose port hangs up until the service listens (as Docker's port proxy does), in a process nothing else keeps alive", () => {
    // The container runs in another process, so nothing of it keeps Node running: the server is
    // unreferenced. Its first connections are closed at once, before any answer, as Docker's
    // proxy closes them while the container's service does not listen yet. A probe that never
    // settles on that lets the event loop drain: the child would exit 0 without a word.
    const code = `
      const { createServer } = require('node:http');
      const { smokeStep } = require(${JSON.stringify(path.join(__dirname, 'image-steps.ts'))});
      let connections = 0;
      const server = createServer((req, res) => {
        const body = req.url === '/predict' ? { prediction: 'spam', probability: 0.97, model: { name: 'spam', version: '1.0.1' } } : {};
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
      });
      server.on('connection', (socket) => { if (++connections <= 2) socket.destroy(); });
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        const engine = {
          build: async () => undefined,
          start: async () => ({ id: 'box', url: 'http://127.0.0.1:' + server.address().port }),
          logs: async () => '',
          remove: async () => { server.close(); server.closeAllConnections(); },
        };
        const state = { candidate: { version: '1.0.1', dir: '/out' }, image: 'spam-api:model-1.0.1' };
        smokeStep({ engine, bounds: { attempts: 5, intervalMs: 10 } }).run(state, () => undefined)
          .then((result) => console.log(JSON.stringify({ kind: result.kind, connections })));
      });`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout.trim().split('\n').pop() || 'null') as { kind: string; connections: number } | null;
    assert.equal(printed?.kind, 'passed', `the step never reported (stdout ${JSON.stringify(r.stdout)})`);
    assert.ok((printed?.connections ?? 0) > 2, `only ${printed?.connections} connections: the hung-up ones were not retried`);
  });

  it('stops when /predict is answered by another version than the candidate', async () => {
    const box = fakeContainer({ ready: 200, version: () => '1.0.0' });
    const result = await smokeStep({ engine: box.engine, bounds: { attempts: 5, intervalMs: 10 } }).run(state(), quiet);
    assert.equal(result.kind, 'stopped');
    assert.match(result.kind === 'stopped' ? result.reason : '', /expected 200 from version 1\.0\.1/);
    assert.deepEqual(box.removed, ['box-0']);
  });

  it('stops after its bounded attempts when the container never turns ready, with its logs', async () => {
    const box = fakeContainer({ ready: 503, version: () => '1.0.1' });
    const result = await smokeStep({ engine: box.engine, bounds: { attempts: 3, intervalMs: 10 } }).run(state(), quiet);
    assert.equal(result.kind, 'stopped');
    assert.match(result.kind === 'stopped' ? result.reason : '', /\/health\/ready never answered 200\nthe last log lines/);
    assert.deepEqual(box.removed, ['box-0']);
  });
});

describe('candidate images', () => {
  it('keep the repository and tag by model version, registry ports included', () => {
    assert.equal(candidateTag('notebook-to-production/spam-api:latest', '1.2.0'), 'notebook-to-production/spam-api:model-1.2.0');
    assert.equal(candidateTag('localhost:5000/spam-api', '1.2.0'), 'localhost:5000/spam-api:model-1.2.0');
    assert.match(candidateDockerfile('a:b', '2.0.0'), /^FROM a:b\n/);
  });
});
