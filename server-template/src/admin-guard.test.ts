import assert from 'node:assert/strict';
import { HttpError } from './errors';
import { startTestApp, TEST_CONFIG, workingDeps, type Started } from './testing';

const GOOD = `Bearer ${TEST_CONFIG.adminToken}`;

/** An admin guard that accepts only the configured token. */
const deps = () =>
  workingDeps({
    admin: {
      authorize(header, token) {
        if (header === undefined) throw new HttpError(401, 'unauthorized', 'no token');
        if (header !== `Bearer ${token}`) throw new HttpError(403, 'forbidden', 'wrong token');
      },
    },
  });

function rollback(url: string, authorization: string): Promise<Response> {
  return fetch(`${url}/admin/rollback`, { method: 'POST', headers: { authorization } });
}

describe('admin authentication: failures are rate-limited per client', () => {
  let s: Started;
  beforeEach(async () => {
    s = await startTestApp(deps());
  });
  afterEach(() => s.shutdown());

  it('answers 403 to the first ten wrong tokens, then 429 with Retry-After, even to the right token', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await rollback(s.url, `Bearer guess-${i}`)).status, 403);
    const limited = await rollback(s.url, 'Bearer guess-10');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${limited.headers.get('retry-after')}`);
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'too_many_requests');
    assert.equal((await rollback(s.url, GOOD)).status, 429, 'a locked-out client learns nothing from the right token');
  });

  it('counts failures in admin_auth_failures_total, and not the 429s', async () => {
    for (let i = 0; i < 12; i++) await rollback(s.url, `Bearer guess-${i}`);
    const text = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(text, /^admin_auth_failures_total 10$/m);
    assert.match(text, /^http_errors_total\{code="too_many_requests"\} 2$/m);
  });

  it('does not count a request with the right token', async () => {
    for (let i = 0; i < 12; i++) assert.notEqual((await rollback(s.url, GOOD)).status, 429);
    assert.match(await (await fetch(`${s.url}/metrics`)).text(), /^admin_auth_failures_total 0$/m);
  });
});
