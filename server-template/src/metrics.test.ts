import assert from 'node:assert/strict';
import { MemoryRegistry, fakeModel, postJson, startTestApp, workingDeps, type Started } from './testing';

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let s: Started;
  let registry: MemoryRegistry;
  before(async () => {
    registry = new MemoryRegistry([fakeModel('1.0.0'), fakeModel('1.1.0')]);
    s = await startTestApp(workingDeps({ models: registry }));
  });
  after(() => s.shutdown());

  async function scrape(): Promise<string> {
    const res = await fetch(`${s.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return res.text();
  }

  it('counts predictions by class', async () => {
    const before = await scrape();
    await postJson(`${s.url}/predict`, { text: 'Free money!!!' });
    await postJson(`${s.url}/predict`, { text: 'Free money!!!' });
    await postJson(`${s.url}/predict`, { text: 'See you at lunch.' });
    const after = await scrape();
    assert.equal(sample(after, 'predictions_total{class="spam"}') - sample(before, 'predictions_total{class="spam"}'), 2);
    assert.equal(sample(after, 'predictions_total{class="ham"}') - sample(before, 'predictions_total{class="ham"}'), 1);
  });

  it('has a latency histogram by route with sub-millisecond buckets', async () => {
    await postJson(`${s.url}/predict`, { text: 'hello' });
    const text = await scrape();
    assert.match(text, /# TYPE http_request_duration_seconds histogram/);
    assert.ok(sample(text, 'http_request_duration_seconds_count{method="POST",route="/predict",status_code="200"}') >= 1);
    assert.match(text, /http_request_duration_seconds_bucket\{le="0\.0001",method="POST",route="\/predict",status_code="200"\}/);
  });

  it('labels unknown routes "unmatched" instead of the raw URL', async () => {
    await fetch(`${s.url}/no/such/path/12345`);
    const text = await scrape();
    assert.doesNotMatch(text, /12345/);
    assert.match(text, /route="unmatched"/);
  });

  it('counts errors by code', async () => {
    const before = sample(await scrape(), 'http_errors_total{code="not_found"}');
    await fetch(`${s.url}/missing`);
    assert.equal(sample(await scrape(), 'http_errors_total{code="not_found"}') - before, 1);
  });

  it('names the model answering now, following a swap', async () => {
    assert.equal(sample(await scrape(), 'model_info{name="spam",version="1.1.0"}'), 1);
    await registry.load('1.0.0');
    const text = await scrape();
    assert.equal(sample(text, 'model_info{name="spam",version="1.0.0"}'), 1);
    assert.doesNotMatch(text, /model_info\{name="spam",version="1\.1\.0"\}/);
  });

  it('keeps one registry per app (two apps do not share counters)', async () => {
    const other = await startTestApp(workingDeps());
    try {
      await postJson(`${s.url}/predict`, { text: 'Free money!!!' });
      const text = await (await fetch(`${other.url}/metrics`)).text();
      assert.equal(sample(text, 'predictions_total{class="spam"}'), 0);
    } finally {
      await other.shutdown();
    }
  });
});
