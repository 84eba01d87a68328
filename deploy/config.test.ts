import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createMetrics } from '../server-template/src/metrics';
import { registerPredictionMetrics } from '../solutions/service/deps';
import { recsServedCounter } from '../solutions/recs-service/recs-metrics';
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

  it('is valid for docker-compose and defines notebooks, api, recs, prometheus, alertmanager and grafana', async () => {
    const { stdout } = await run('docker-compose', ['config', '--services'], { cwd: REPO_ROOT, timeout: 60_000 });
    const services = stdout.trim().split('\n');
    for (const name of ['alertmanager', 'api', 'grafana', 'notebooks', 'prometheus', 'recs'])
      assert.ok(services.includes(name), `no compose service ${name} in ${services.join(', ')}`);
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

  it('builds recs from deploy/recs/Dockerfile, on its container port 3001, with a health check', () => {
    const recs = /\n {2}recs:\n((?: {4}.*\n| {6,}.*\n)+)/.exec(config)?.[1] ?? '';
    assert.match(recs, /build:\n\s+context: .*\n\s+dockerfile: deploy\/recs\/Dockerfile\n/);
    assert.match(recs, /- 127\.0\.0\.1:\d+:3001/);
    assert.match(recs, /healthcheck:[\s\S]*127\.0\.0\.1:3001\/health\/ready/);
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

describe('deploy/recs/Dockerfile (the recommendation API image)', () => {
  const stages = parseDockerfile(read('deploy/recs/Dockerfile'));
  const runtime = stages[stages.length - 1] as Stage;

  it('builds every stage from the node base image, starting as the spam API image does (shared layer cache)', () => {
    assert.ok(stages.length >= 2, 'expected a multi-stage build');
    for (const stage of stages) assert.equal(stage.image, BASE_IMAGE);
    const first = (text: string, n: number): string[] =>
      parseDockerfile(text)[0]
        ?.instructions.slice(0, n)
        .map((i) => `${i.keyword} ${i.args}`) ?? [];
    assert.deepEqual(first(read('deploy/recs/Dockerfile'), 5), first(read('Dockerfile'), 5));
  });

  it('runs the compiled recommendation service as a non-root user behind tini, with only its model and a health check', () => {
    assert.match(argsOf(runtime, 'CMD').join(' '), /"node", "dist\/solutions\/recs-service\/main\.js"/);
    assert.match(argsOf(runtime, 'ENTRYPOINT').join(' '), /tini/);
    assert.doesNotMatch(argsOf(runtime, 'USER').at(-1) ?? 'root', /^(root|0)(:|$)/);
    assert.match(argsOf(runtime, 'HEALTHCHECK').join(' '), /\/health\/ready/);
    assert.match(argsOf(runtime, 'ENV').join(' '), /NODE_ENV=production[\s\S]*HOST=0\.0\.0\.0[\s\S]*PORT=3001[\s\S]*MODEL_NAME=recs/);
    const copies = argsOf(runtime, 'COPY').filter((c) => !c.startsWith('--from='));
    assert.deepEqual(copies, ['models/recs ./models/recs']);
  });
});

describe('Prometheus and Grafana configuration', () => {
  it('Prometheus scrapes the compose api service on its container port', () => {
    assert.match(read('deploy/prometheus/prometheus.yml'), /targets: \["api:3000"\]/);
  });

  it('Prometheus scrapes the compose recs service on its container port', () => {
    assert.match(
      read('deploy/prometheus/prometheus.yml'),
      /job_name: recs-api\n\s+metrics_path: \/metrics\n\s+static_configs:\n\s+- targets: \["recs:3001"\]/,
    );
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

  it('the recommendation dashboard shows p50/p99 of GET /recommendations and the fallback share, from metrics the service exports', async () => {
    const { registry } = createMetrics();
    recsServedCounter(registry);
    const exported = new Set<string>();
    for (const metric of await registry.getMetricsAsJSON()) {
      exported.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) exported.add(metric.name + suffix);
    }
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/recs-api.json')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exprs = (topic: RegExp): string[] =>
      dashboard.panels.filter((p) => topic.test(p.title.toLowerCase())).flatMap((p) => p.targets.map((t) => t.expr));
    const latency = exprs(/latency/);
    for (const q of ['0.5', '0.99'])
      assert.ok(
        latency.some((e) => e.startsWith(`histogram_quantile(${q},`) && e.includes('route="/recommendations"')),
        `no p${Number(q) * 100} of /recommendations`,
      );
    assert.ok(
      exprs(/fallback share/).some((e) =>
        /recommendations_served_total\{fallback="true"\}[\s\S]*\/[\s\S]*recommendations_served_total/.test(e),
      ),
      'no fallback-share ratio panel',
    );
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const names = metricNames(target.expr);
        assert.ok(names.length > 0, `panel "${panel.title}" queries no metric`);
        for (const name of names)
          assert.ok(exported.has(name), `panel "${panel.title}" queries ${name}, which the recommendation service does not export`);
      }
    }
  });
});
