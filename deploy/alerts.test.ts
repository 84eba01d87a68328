import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createMetrics } from '../server-template/src/metrics';
import { registerPredictionMetrics } from '../solutions/service/deps';
import { createReleaseMetrics } from '../solutions/service/release/metrics';
import { PostgresPredictionLog } from '../solutions/service/postgres-log';
import { program, PROMTOOL, requireSystem } from '../scripts/test-support/require-system';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { metricNames } from './support/promql';

const run = promisify(execFile);
const PROMETHEUS_DIR = path.join(REPO_ROOT, 'deploy', 'prometheus');
const RULES = path.join(PROMETHEUS_DIR, 'alerts.yml');
const RULE_TESTS = path.join(PROMETHEUS_DIR, 'alerts.test.yml');
const ALERTMANAGER = path.join(REPO_ROOT, 'deploy', 'alertmanager', 'alertmanager.yml');

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
}
interface RuleTest {
  alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
}

const rules = (): Rule[] => (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

/** `promtool <args>`: exit code and output, never throwing. */
async function promtool(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('promtool', args, { timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Metric names the service exports (`/metrics`), histograms with their series suffixes, the release's and the shared log's. */
async function exportedNames(): Promise<Set<string>> {
  const { registry } = createMetrics({ processMetrics: true });
  registerPredictionMetrics(registry);
  createReleaseMetrics(registry);
  const log = new PostgresPredictionLog({ url: 'postgres://nobody@127.0.0.1:1/none', timeoutMs: 200 });
  log.registerMetrics(registry);
  await log.close();
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(metric.name + suffix);
  }
  return names;
}

describe('deploy/prometheus/alerts.yml (promtool)', function () {
  this.timeout(60_000);

  before(async function () {
    await requireSystem(this, PROMTOOL);
  });

  it('is valid for promtool check rules', async () => {
    const { code, output } = await promtool(['check', 'rules', RULES]);
    assert.equal(code, 0, output);
    assert.match(output, /SUCCESS: \d+ rules found/);
  });

  it('passes its unit tests (promtool test rules alerts.test.yml)', async () => {
    const { code, output } = await promtool(['test', 'rules', RULE_TESTS]);
    assert.equal(code, 0, output);
    assert.match(output, /SUCCESS/);
  });

  it('has unit tests that fail when a threshold is wrong (error ratio paging at 5 % instead of 1 %)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alerts-'));
    try {
      const original = readFileSync(RULES, 'utf8');
      const planted = original.replace(
        /(status_code=~"5\.\."\}\[5m\]\)\)\n\s+\/ sum\(rate\(http_request_duration_seconds_count\{route="\/predict"\}\[5m\]\)\)) > 0\.01/,
        '$1 > 0.05',
      );
      assert.notEqual(planted, original, 'the planted change did not apply; update this test');
      writeFileSync(path.join(dir, 'alerts.yml'), planted);
      copyFileSync(RULE_TESTS, path.join(dir, 'alerts.test.yml'));
      const { code, output } = await promtool(['test', 'rules', path.join(dir, 'alerts.test.yml')]);
      assert.notEqual(code, 0, 'the unit tests passed a wrong threshold');
      assert.match(output, /alertname: SpamApiHighErrorRatio/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages on errors, latency, no traffic, drift, prediction mix, a worse canary and a dropping log; each alert has a firing test', () => {
    const alerts = rules()
      .filter((r) => r.alert)
      .map((r) => r.alert!);
    assert.deepEqual(alerts.sort(), [
      'SpamApiHighErrorRatio',
      'SpamApiLatencyOverBudget',
      'SpamApiNoTraffic',
      'SpamCanaryWorseThanStable',
      'SpamModelDrift',
      'SpamPredictionLogDropping',
      'SpamPredictionMixShift',
    ]);
    const tests = (parse(readFileSync(RULE_TESTS, 'utf8')) as { tests: RuleTest[] }).tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const alert of alerts) {
      assert.ok(
        tests.some((t) => t.alertname === alert && t.exp_alerts.length > 0),
        `no test where ${alert} fires`,
      );
      assert.ok(
        tests.some((t) => t.alertname === alert && t.exp_alerts.length === 0),
        `no test where ${alert} stays quiet`,
      );
    }
    for (const r of rules().filter((x) => x.alert))
      assert.match(r.labels?.['severity'] ?? '', /^(page|ticket)$/, `${r.alert} has no severity the Alertmanager routes`);
  });

  it('reads only metrics the service exports (or the rules record)', async () => {
    const exported = await exportedNames();
    const recorded = new Set(
      rules()
        .filter((r) => r.record)
        .map((r) => r.record!),
    );
    for (const rule of rules()) {
      for (const name of metricNames(rule.expr)) {
        assert.ok(exported.has(name) || recorded.has(name), `${rule.alert ?? rule.record} reads ${name}, which /metrics does not export`);
      }
    }
  });
});

describe('deploy/alertmanager/alertmanager.yml (amtool)', () => {
  it('is valid for amtool check-config', async function () {
    await requireSystem(this, program('amtool', 'sudo apt-get install prometheus-alertmanager (amtool comes with it)'));
    const { stdout } = await run('amtool', ['check-config', ALERTMANAGER], { timeout: 30_000 });
    assert.match(stdout, /SUCCESS/);
    assert.match(stdout, /2 receivers/);
  });
});
