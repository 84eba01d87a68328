import assert from 'node:assert/strict';
import { AlsRecommender, seenItems } from '../../mlkit/recsys';
import { ADMIN_TOKEN, fixtureInteractions, startRecsFixture, type RecsFixture } from './testing';

interface Item {
  item: number;
  title: string | null;
  score: number;
}
interface Answer {
  user: number;
  items: Item[];
  fallback: string | null;
  model: { name: string; version: string };
}
interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; problem: string }[] };
}

describe('the recommendation service', () => {
  let s: RecsFixture;
  const get = (path: string): Promise<Response> => fetch(`${s.url}${path}`, { signal: AbortSignal.timeout(10_000) });
  const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  const admin = (path: string, body = ''): Promise<Response> => post(path, body, { authorization: `Bearer ${ADMIN_TOKEN}` });

  before(async () => {
    s = await startRecsFixture();
  });
  after(async () => {
    await s?.dispose();
  });

  describe('GET /recommendations?user=U&k=N for a user the model knows', () => {
    let body: Answer;
    before(async () => {
      const res = await get('/recommendations?user=3&k=4');
      assert.equal(res.status, 200);
      body = (await res.json()) as Answer;
    });

    it('answers the user, k scored items with titles, no fallback and the model', () => {
      assert.deepEqual(Object.keys(body).sort(), ['fallback', 'items', 'model', 'user']);
      assert.equal(body.user, 3);
      assert.equal(body.fallback, null);
      assert.deepEqual(body.model, { name: 'recs', version: '2010.5.0' });
      assert.equal(body.items.length, 4);
      for (const item of body.items) {
        assert.ok(Number.isInteger(item.item));
        assert.equal(item.title, `Film ${item.item}`);
        assert.ok(Number.isFinite(item.score));
      }
    });

    it('ranks by score, best first', () => {
      const scores = body.items.map((i) => i.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    });

    it('leaves out every item the user interacted with', () => {
      const seen = seenItems(fixtureInteractions()).get(3) as Set<number>;
      assert.ok(seen.size > 0);
      for (const item of body.items) assert.ok(!seen.has(item.item), `item ${item.item} is in user 3's history`);
    });

    it("gives the toolkit's own ranking for the artifact's model", async () => {
      const model = AlsRecommender.fit(fixtureInteractions(), { factors: 4, iterations: 5 });
      const res = await get('/recommendations?user=20&k=10');
      const answer = (await res.json()) as Answer;
      assert.deepEqual(
        answer.items.map((i) => i.item),
        model.recommend(20, 10),
      );
    });

    it('answers 10 items when k is not given', async () => {
      const answer = (await (await get('/recommendations?user=3')).json()) as Answer;
      assert.equal(answer.items.length, 10);
    });
  });

  describe('for a user the model has never seen', () => {
    it('answers the most popular items, flagged "fallback": "popularity"', async () => {
      const res = await get('/recommendations?user=999999&k=3');
      assert.equal(res.status, 200);
      const body = (await res.json()) as Answer;
      assert.equal(body.fallback, 'popularity');
      assert.equal(body.items.length, 3);
      const scores = body.items.map((i) => i.score);
      assert.ok(scores.every((x) => x > 0 && x <= 1));
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    });
  });

  describe('with bad input', () => {
    const cases: [string, string, string][] = [
      ['no user', '/recommendations?k=5', 'user'],
      ['an empty user', '/recommendations?user=', 'user'],
      ['a user that is not a number', '/recommendations?user=abc', 'user'],
      ['a negative user', '/recommendations?user=-1', 'user'],
      ['a fractional user', '/recommendations?user=1.5', 'user'],
      ['a user in exponent form', '/recommendations?user=1e3', 'user'],
      ['k of 0', '/recommendations?user=3&k=0', 'k'],
      ['k above 100', '/recommendations?user=3&k=101', 'k'],
      ['a fractional k', '/recommendations?user=3&k=2.5', 'k'],
      ['a k that is not a number', '/recommendations?user=3&k=ten', 'k'],
      ['an empty k', '/recommendations?user=3&k=', 'k'],
      ['a repeated user', '/recommendations?user=3&user=4', 'user'],
      ['a repeated k', '/recommendations?user=3&k=1&k=2', 'k'],
      ['an unknown parameter', '/recommendations?user=3&limit=5', 'limit'],
      ['bracketed (object) parameters', '/recommendations?user[a]=3', 'user[a]'],
    ];
    for (const [what, path, field] of cases) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const res = await get(path);
        assert.equal(res.status, 400);
        const body = (await res.json()) as ErrorBody;
        assert.equal(body.error.code, 'invalid_request');
        assert.ok(body.error.message.includes(field), body.error.message);
        assert.ok(
          body.error.details?.some((d) => d.field === field),
          JSON.stringify(body.error.details),
        );
      });
    }
  });

  describe('POST /recommendations with {"users": [...], "k"}', () => {
    it('answers every user in order with one model', async () => {
      const res = await post('/recommendations', JSON.stringify({ users: [3, 999999, 20], k: 2 }));
      assert.equal(res.status, 200);
      const body = (await res.json()) as { recommendations: Omit<Answer, 'model'>[]; model: Answer['model'] };
      assert.deepEqual(
        body.recommendations.map((r) => [r.user, r.fallback, r.items.length]),
        [
          [3, null, 2],
          [999999, 'popularity', 2],
          [20, null, 2],
        ],
      );
      assert.deepEqual(body.model, { name: 'recs', version: '2010.5.0' });
    });

    it('answers 413 batch_too_large above MAX_BATCH users', async () => {
      const res = await post('/recommendations', JSON.stringify({ users: [1, 2, 3, 4, 5, 6] }));
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'batch_too_large');
    });

    const bad: [string, string, string][] = [
      ['an empty list', '{"users": []}', 'users'],
      ['no users', '{"k": 3}', 'users'],
      ['a user that is a string', '{"users": [1, "2"]}', 'users[1]'],
      ['a fractional user', '{"users": [1.5]}', 'users[0]'],
      ['k above 100', '{"users": [1], "k": 500}', 'k'],
      ['k as a string', '{"users": [1], "k": "3"}', 'k'],
      ['an unknown field', '{"users": [1], "limit": 3}', 'limit'],
      ['a body that is an array', '[1, 2]', 'body'],
    ];
    for (const [what, body, field] of bad) {
      it(`answers 400 naming "${field}" for ${what}`, async () => {
        const res = await post('/recommendations', body);
        assert.equal(res.status, 400);
        const error = ((await res.json()) as ErrorBody).error;
        assert.equal(error.code, 'invalid_request');
        assert.ok(
          error.details?.some((d) => d.field === field),
          JSON.stringify(error.details),
        );
      });
    }

    it("answers malformed JSON with the template's 400 invalid_json", async () => {
      const res = await post('/recommendations', '{"users": [1');
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'invalid_json');
    });
  });

  describe('GET /history?user=U', () => {
    it("lists the user's training items with titles", async () => {
      const body = (await (await get('/history?user=3')).json()) as { known: boolean; items: { item: number; title: string }[] };
      const seen = [...(seenItems(fixtureInteractions()).get(3) as Set<number>)].sort((a, b) => a - b);
      assert.equal(body.known, true);
      assert.deepEqual(
        body.items.map((i) => i.item),
        seen,
      );
      assert.equal(body.items[0]?.title, `Film ${seen[0]}`);
    });

    it('answers an empty history for an unknown user, and 400 for a k it does not take', async () => {
      const body = (await (await get('/history?user=999999')).json()) as { known: boolean; items: unknown[] };
      assert.deepEqual([body.known, body.items.length], [false, 0]);
      assert.equal((await get('/history?user=3&k=2')).status, 400);
    });
  });

  describe('the template around it', () => {
    it('is ready with the recommender loaded and names it at /models/current', async () => {
      assert.equal((await get('/health/ready')).status, 200);
      const current = (await (await get('/models/current')).json()) as { name: string; version: string; model_kind: string };
      assert.deepEqual([current.name, current.version, current.model_kind], ['recs', '2010.5.0', 'als']);
    });

    it("answers POST /predict (the spam API's route) with 404 saying where it is", async () => {
      const res = await post('/predict', '{"text": "hi"}');
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as ErrorBody).error.message, /spam API/);
    });

    it('answers 405 for a wrong method on /recommendations', async () => {
      const res = await fetch(`${s.url}/recommendations`, { method: 'DELETE' });
      assert.equal(res.status, 405);
      assert.match(res.headers.get('allow') ?? '', /GET.*POST/);
    });
  });

  describe('metrics', () => {
    const served = async (fallback: 'true' | 'false'): Promise<number> => {
      const text = await (await get('/metrics')).text();
      const line = new RegExp(`^recommendations_served_total\\{model_version="2010\\.5\\.0",fallback="${fallback}"\\} (\\d+)$`, 'm').exec(
        text,
      );
      return line ? Number(line[1]) : 0;
    };

    it('counts users served by version, fallback apart (a batch counts each user)', async () => {
      const [before, beforeFallback] = [await served('false'), await served('true')];
      await get('/recommendations?user=3&k=2');
      await post('/recommendations', JSON.stringify({ users: [4, 5, 888888] }));
      await get('/recommendations?user=777777');
      assert.equal((await served('false')) - before, 3);
      assert.equal((await served('true')) - beforeFallback, 2);
    });

    it('does not count refused requests', async () => {
      const before = (await served('false')) + (await served('true'));
      await get('/recommendations?user=3&k=0');
      assert.equal((await served('false')) + (await served('true')), before);
    });

    it("observes the template's latency histogram under the route pattern", async () => {
      await get('/recommendations?user=3');
      const text = await (await get('/metrics')).text();
      assert.match(text, /http_request_duration_seconds_count\{method="GET",route="\/recommendations",status_code="200"\} [1-9]/);
      assert.match(text, /http_request_duration_seconds_count\{method="GET",route="\/recommendations",status_code="400"\} [1-9]/);
    });
  });

  describe('versions: hot swap and rollback through the admin routes', () => {
    const version = async (): Promise<string> => ((await (await get('/recommendations?user=3')).json()) as Answer).model.version;

    it('refuses a reload without the token', async () => {
      assert.equal((await post('/admin/reload', '{"version": "2010.4.0"}')).status, 401);
    });

    it('swaps in another version, then rolls back to the one before', async () => {
      const swap = await admin('/admin/reload', '{"version": "2010.4.0"}');
      assert.equal(swap.status, 200);
      assert.equal(await version(), '2010.4.0');
      // The popularity version has no catalogue: items come without titles.
      const answer = (await (await get('/recommendations?user=3&k=1')).json()) as Answer;
      assert.equal(answer.items[0]?.title, null);
      const back = await admin('/admin/rollback');
      assert.equal(back.status, 200);
      assert.equal(await version(), '2010.5.0');
    });

    it('answers 404 for a version not on disk and keeps serving', async () => {
      const res = await admin('/admin/reload', '{"version": "2010.9.0"}');
      assert.equal(res.status, 404);
      assert.equal(await version(), '2010.5.0');
    });
  });
});
