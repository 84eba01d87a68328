import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createMetrics } from '../server-template/src/metrics';
import { registerPredictionMetrics } from '../solutions/service/deps';
import { argsOf, parseDockerfile, type Stage } from '../grading/harness/dockerfile';
import { DOCKER_COMPOSE, requireSystem } from '../scripts/test-support/require-system';
import { BASE_IMAGE } from '../grading/harness/docker';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { metricNames } from './support/promql';

const run = promisify(execFile);
const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('docker-compose.yml', () => {
  let config = '';
  before(async function () {
    await requireSystem(this, DOCKER_COMPOSE);
    ({ stdout: config } = await run('docker-compose', ['config'], { cwd: REPO_ROOT, timeout: 60_000 }));
  });

  it('is valid for docker-compose and defines notebooks, api, prometheus, alertmanager and grafana', async () => {
    const { stdout } = await run('docker-compose', ['config', '--services'], { cwd: REPO_ROOT, timeout: 60_000 });
    assert.deepEqual(stdout.trim().split('\n').sort(), ['alertmanager', 'api', 'grafana', 'notebooks', 'prometheus']);
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const published = [...config.matchAll(/^\s*ports:\n((?:\s*- .*\n)+)/gm)].flatMap((m) => m[1].trim().split('\n'));
    assert.ok(published.length >= 4, `expected ports for 4 services, found ${published.length}`);
    for (const line of published) assert.match(line.trim(), /^- 127\.0\.0\.1:\d+:\d+/, `port not on loopback: ${line.trim()}`);
  });

  it('builds the api from the root Dockerfile with a health check', () => {
    assert.match(config, /api:\n\s+build:\n\s+context: .*\n\s+dockerfile: Dockerfile\n/);
    assert.match(config, /healthcheck:[\s\S]*\/health\/ready/);
  });
});

describe('Dockerfile (the API image)', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages[stages.length - 1] as Stage;
  const env = argsOf(runtime, 'ENV').join(' ');

  it('builds every stage from the node base image, by name', () => {
    assert.ok(stages.length >= 2, 'expected a multi-stage build');
    for (const stage of stages) assert.equal(stage.image, BASE_IMAGE);
  });

  it('runs as a non-root user', () => {
    const users = argsOf(runtime, 'USER');
    assert.ok(users.length > 0, 'the runtime stage sets no USER');
    assert.doesNotMatch(users[users.length - 1], /^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on /health/ready', () => {
    assert.match(argsOf(runtime, 'HEALTHCHECK').join(' '), /\/health\/ready/);
  });

  it('installs production dependencies only and sets NODE_ENV=production and HOST=0.0.0.0', () => {
    const runs = stages.flatMap((s) => argsOf(s, 'RUN')).join('\n');
    assert.match(runs, /npm (ci|install)[^\n]*--omit=dev/);
    assert.match(env, /NODE_ENV=production/);
    assert.match(env, /HOST=0\.0\.0\.0/);
  });

  it('runs compiled JavaScript with node behind an init, not tsx', () => {
    assert.match(argsOf(runtime, 'CMD').join(' '), /"node", "dist\/solutions\/service\/main\.js"/);
    assert.match(argsOf(runtime, 'ENTRYPOINT').join(' '), /tini/);
    assert.doesNotMatch(runtime.instructions.map((i) => i.args).join('\n'), /\btsx\b/);
  });

  it('copies the model but no datasets, notebooks or host node_modules into the runtime image', () => {
    const copies = argsOf(runtime, 'COPY').filter((c) => !c.startsWith('--from='));
    assert.ok(
      copies.some((c) => /^models\b/.test(c)),
      'the runtime stage does not copy models/',
    );
    for (const c of copies) assert.doesNotMatch(c, /datasets|notebooks|node_modules/);
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.git', '.work', '**/node_modules', 'datasets', 'notebooks'])
      assert.ok(ignored.includes(entry), `.dockerignore lacks ${entry}`);
  });

  it('the notebooks image starts from the same base and registers the course kernel as npm start does', () => {
    const notebooks = parseDockerfile(read('deploy/notebooks/Dockerfile'));
    assert.deepEqual(
      notebooks.map((s) => s.image),
      [BASE_IMAGE],
    );
    assert.match(argsOf(notebooks[0], 'RUN').join('\n'), /npm run kernel[\s\S]*'tslab-course' in s/);
    assert.match(argsOf(notebooks[0], 'CMD').join(' '), /"scripts\/start\.ts"/, 'the container does not start through npm start');
  });
});

describe('Prometheus and Grafana configuration', () => {
  it('Prometheus scrapes the compose api service on its container port', () => {
    assert.match(read('deploy/prometheus/prometheus.yml'), /targets: \["api:3000"\]/);
  });

  it("Grafana's data source is the compose prometheus service", () => {
    assert.match(read('deploy/grafana/provisioning/datasources/prometheus.yml'), /url: http:\/\/prometheus:9090/);
  });

  it('the dashboard only queries metrics the service exports', async () => {
    const { registry } = createMetrics();
    registerPredictionMetrics(registry); // the reference service adds lab 04's histogram
    const exported = new Set<string>();
    for (const metric of await registry.getMetricsAsJSON()) {
      exported.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) exported.add(metric.name + suffix);
    }
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/spam-api.json')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['requests per second', 'latency', 'prediction mix', 'drift', 'errors', 'probability'])
      assert.ok(titles.includes(topic), `no panel about ${topic}`);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const names = metricNames(target.expr);
        assert.ok(names.length > 0, `panel "${panel.title}" queries no metric`);
        for (const name of names)
          assert.ok(exported.has(name), `panel "${panel.title}" queries ${name}, which the service does not export`);
      }
    }
  });
});
