import assert from 'node:assert/strict';
import { postJson } from '../../server-template/src/testing';
import { ADMIN_TOKEN, startFixtureService, type FixtureService } from './testing';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function version(url: string): Promise<string> {
  return ((await (await fetch(`${url}/models/current`)).json()) as { version: string }).version;
}

describe('reference service: admin endpoints', () => {
  let s: FixtureService;
  before(async () => {
    s = await startFixtureService();
  });
  after(() => s.dispose());

  it('401 without credentials, with WWW-Authenticate', async () => {
    const res = await fetch(`${s.url}/admin/reload`, { method: 'POST' });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
  });

  it('403 with a wrong token, and nothing changes', async () => {
    const res = await postJson(`${s.url}/admin/reload`, { version: '1.1.0' }, { authorization: 'Bearer wrong-token-wrong-token' });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'forbidden');
    assert.equal(await version(s.url), '1.0.0');
  });

  it('GET /models lists the versions on disk and the current one', async () => {
    const body = await (await fetch(`${s.url}/models`)).json();
    assert.deepEqual(body, { name: 'spam', current: '1.0.0', versions: ['0.9.0', '1.0.0', '1.1.0'] });
  });

  it('reloads a given version, then answers with it', async () => {
    const before = (await (await postJson(`${s.url}/predict`, { text: 'hello hello' })).json()) as { probability: number };
    const res = await postJson(`${s.url}/admin/reload`, { version: '1.1.0' }, auth);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { previous: { name: 'spam', version: '1.0.0' }, current: { name: 'spam', version: '1.1.0' } });
    const after = (await (await postJson(`${s.url}/predict`, { text: 'hello hello' })).json()) as {
      probability: number;
      model: { version: string };
    };
    assert.equal(after.model.version, '1.1.0');
    assert.ok(after.probability > before.probability, 'the new model answers');
  });

  it('a failed reload (corrupt artifact) keeps the old model and names the file', async () => {
    const res = await postJson(`${s.url}/admin/reload`, { version: '0.9.0' }, auth);
    assert.equal(res.status, 422);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'model_load_failed');
    assert.match(error.message, /model\.json/);
    assert.equal(await version(s.url), '1.1.0');
    assert.equal((await fetch(`${s.url}/health/ready`)).status, 200);
  });

  it('404 for a version that is not on disk; 400 for a malformed one', async () => {
    assert.equal((await postJson(`${s.url}/admin/reload`, { version: '7.0.0' }, auth)).status, 404);
    assert.equal((await postJson(`${s.url}/admin/reload`, { version: '../../etc' }, auth)).status, 400);
    assert.equal(await version(s.url), '1.1.0');
  });

  it('rolls back to the previous version, then has nothing left to roll back', async () => {
    const res = await fetch(`${s.url}/admin/rollback`, { method: 'POST', headers: auth });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { previous: { name: 'spam', version: '1.1.0' }, current: { name: 'spam', version: '1.0.0' } });
    assert.equal(await version(s.url), '1.0.0');
    const again = await fetch(`${s.url}/admin/rollback`, { method: 'POST', headers: auth });
    assert.equal(again.status, 409);
  });

  it('reload without a version loads the latest', async () => {
    const res = await fetch(`${s.url}/admin/reload`, { method: 'POST', headers: auth });
    assert.equal(res.status, 200);
    assert.equal(await version(s.url), '1.1.0');
  });

  it('admin endpoints are disabled without ADMIN_TOKEN', async () => {
    const t = await startFixtureService({ ADMIN_TOKEN: '' });
    try {
      const res = await fetch(`${t.url}/admin/reload`, { method: 'POST', headers: auth });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'admin_disabled');
    } finally {
      await t.dispose();
    }
  });
});
