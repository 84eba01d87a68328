import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PROMETHEUS, requireSystem } from '../scripts/test-support/require-system';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { freePort, poll } from './support/net';
import { startReferenceApi, startReferenceRecsApi, type RunningApi } from './support/api';

interface PromResponse<T> {
  status: string;
  data: T;
}
type Sample = { metric: Record<string, string>; value: [number, string] };

/** The compose file's Prometheus config with its targets moved from `api:3000` and `recs:3001` to the local services. */
function localScrapeConfig(target: string, recsTarget: string): string {
  let config = readFileSync(path.join(REPO_ROOT, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8');
  for (const [compose, local] of [
    ['"api:3000"', target],
    ['"recs:3001"', recsTarget],
  ] as const) {
    const rewritten = config.replace(compose, JSON.stringify(local));
    if (rewritten === config) throw new Error(`deploy/prometheus/prometheus.yml no longer scrapes ${compose}; update this test`);
    config = rewritten;
  }
  return config;
}

describe('Prometheus scraping the API (the compose scrape config, run locally)', function () {
  this.timeout(120_000);
  let api: RunningApi | undefined;
  let recs: RunningApi | undefined;
  let prometheus: ChildProcess | undefined;
  let dir = '';
  let promUrl = '';

  const query = async (expr: string): Promise<Sample[]> => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(5_000) });
    return ((await res.json()) as PromResponse<{ result: Sample[] }>).data.result;
  };

  before(async function () {
    await requireSystem(this, PROMETHEUS);
    dir = mkdtempSync(path.join(tmpdir(), 'prometheus-test-'));
    api = await startReferenceApi();
    const predicted = await fetch(`${api.url}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Free money now!!!' }),
    });
    assert.equal(predicted.status, 200, 'the API did not answer the prediction that the scrape should count');
    recs = await startReferenceRecsApi();
    const served = await fetch(`${recs.url}/recommendations?user=999999&k=3`);
    assert.equal(served.status, 200, 'the recommendation API did not answer the request the scrape should count');
    writeFileSync(path.join(dir, 'prometheus.yml'), localScrapeConfig(new URL(api.url).host, new URL(recs.url).host));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
  });

  after(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
    }
    await api?.close();
    await recs?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sees the API target as up', async () => {
    // The scrape interval is 5 s: allow several scrapes, bounded.
    const health = await poll(
      'the target to be up',
      async () => {
        const res = await fetch(`${promUrl}/api/v1/targets`, { signal: AbortSignal.timeout(5_000) });
        const body = (await res.json()) as PromResponse<{ activeTargets: { health: string; scrapeUrl: string }[] }>;
        const target = body.data.activeTargets.find((t) => t.scrapeUrl.startsWith(api!.url));
        return target?.health === 'up' ? target.health : undefined;
      },
      80,
      500,
    );
    assert.equal(health, 'up');
  });

  it('stored the prediction counter and the /predict latency histogram with the labels the dashboard uses', async () => {
    const spam = await poll(
      'predictions_total{class="spam"} in Prometheus',
      async () => {
        const result = await query('predictions_total{class="spam"}');
        return result.length > 0 ? Number(result[0].value[1]) : undefined;
      },
      80,
      500,
    );
    assert.ok(spam >= 1, `predictions_total{class="spam"} = ${spam}`);
    const latency = await query('http_request_duration_seconds_count{route="/predict"}');
    assert.ok(latency.length > 0, 'no http_request_duration_seconds_count series with route="/predict"');
  });

  it('scrapes the recommendation API too: the fallback counter and the /recommendations latency histogram', async () => {
    const fallback = await poll(
      'recommendations_served_total{fallback="true"} in Prometheus',
      async () => {
        const result = await query('recommendations_served_total{fallback="true", job="recs-api"}');
        return result.length > 0 ? result[0] : undefined;
      },
      80,
      500,
    );
    assert.equal(Number(fallback.value[1]), 1);
    assert.equal(fallback.metric['model_version'], '2010.5.0');
    const latency = await query('http_request_duration_seconds_count{route="/recommendations", job="recs-api"}');
    assert.ok(latency.length > 0, 'no http_request_duration_seconds_count series with route="/recommendations"');
  });
});
