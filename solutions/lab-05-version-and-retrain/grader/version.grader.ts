/** Public checks for lab 05: run them with `npm run check -- lab-05`. */
import { check, expectEqual, expectStatus, submission } from '../../../grading/harness';
import { admin, answeringVersion, appSocket, AUTH, GATE, send, TOKEN, VERSIONING } from './http';

const fn = (file: string, name: string, ...args: unknown[]): Promise<unknown> => submission().call(file, name, args);

describe('lab-05 public checks', () => {
  check('bearerToken reads "Bearer <token>", any case; anything else is no token', 2, `${AUTH}: bearerToken()`, async () => {
    expectEqual(await fn(AUTH, 'bearerToken', 'Bearer abc123'), 'abc123', 'bearerToken("Bearer abc123")');
    expectEqual(await fn(AUTH, 'bearerToken', 'bearer abc123'), 'abc123', 'bearerToken("bearer abc123")');
    for (const header of ['Basic abc123', '', 'abc123']) {
      const got = await fn(AUTH, 'bearerToken', header);
      if (got !== undefined && got !== null) throw new Error(`bearerToken(${JSON.stringify(header)}): expected undefined, got ${JSON.stringify(got)}`);
    }
  });
  check('tokensMatch: equal tokens match; a wrong or shorter one does not (and does not throw)', 2, `${AUTH}: tokensMatch() — hash both, then timingSafeEqual`, async () => {
    expectEqual(await fn(AUTH, 'tokensMatch', TOKEN, TOKEN), true, 'tokensMatch(token, token)');
    expectEqual(await fn(AUTH, 'tokensMatch', TOKEN.replace(/9$/, '8'), TOKEN), false, 'tokensMatch(last character wrong)');
    expectEqual(await fn(AUTH, 'tokensMatch', 'short', TOKEN), false, 'tokensMatch("short", token)');
  });
  check('POST /admin/reload: no token → 401 with WWW-Authenticate, a wrong token → 403', 2, `${AUTH}: bearerGuard uses bearerToken() and tokensMatch()`, async () => {
    const socket = await appSocket('guard');
    const none = await send(socket, 'POST', '/admin/reload', { version: '1.1.0' });
    expectStatus(none, 401, 'POST /admin/reload without Authorization', 'unauthorized');
    if (!String(none.headers['www-authenticate'] ?? '').startsWith('Bearer')) throw new Error(`expected a WWW-Authenticate: Bearer header on the 401, got ${JSON.stringify(none.headers['www-authenticate'])}`);
    expectStatus(await send(socket, 'POST', '/admin/reload', { version: '1.1.0' }, 'Bearer wrong-token'), 403, 'POST /admin/reload with a wrong token', 'forbidden');
    expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after refused reloads');
  });
  check('reload 1.1.0: answers {previous, current}, then /predict answers with 1.1.0', 3, `${VERSIONING}: VersionedRegistry.swapIn()`, async () => {
    const socket = await appSocket('reload');
    const res = await admin(socket, 'reload', { version: '1.1.0' });
    expectStatus(res, 200, 'POST /admin/reload {"version": "1.1.0"}');
    expectEqual(res.body, { previous: { name: 'spam', version: '1.0.0' }, current: { name: 'spam', version: '1.1.0' } }, 'the reload answer');
    expectEqual(await answeringVersion(socket), '1.1.0', 'the version answering /predict after the reload');
  });
  check('rollback returns to 1.0.0; with nothing left to roll back → 409', 3, `${VERSIONING}: VersionedRegistry.swapBack()`, async () => {
    const socket = await appSocket('rollback');
    expectStatus(await admin(socket, 'reload', { version: '1.1.0' }), 200, 'POST /admin/reload {"version": "1.1.0"}');
    const back = await admin(socket, 'rollback');
    expectStatus(back, 200, 'POST /admin/rollback');
    expectEqual(back.body['current'], { name: 'spam', version: '1.0.0' }, 'the rollback answer\'s "current"');
    expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the rollback');
    expectStatus(await admin(socket, 'rollback'), 409, 'a second POST /admin/rollback', 'nothing_to_roll_back');
  });
  check(`the evaluation gate (${GATE.split} ${GATE.metric} ≥ ${GATE.min}) refuses 1.2.0 with 422; 1.0.0 keeps answering`, 3, `${VERSIONING}: checkGate(), called in swapIn() before the swap`, async () => {
    const socket = await appSocket('gate');
    expectStatus(await admin(socket, 'reload', { version: '1.2.0' }), 422, 'POST /admin/reload {"version": "1.2.0"} (test f1 0.62)', 'gate_failed');
    expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
  });
  check('checkGate passes a model at the gate and refuses one below it', 1, `${VERSIONING}: checkGate()`, async () => {
    const model = (f1: number): unknown => ({ info: { name: 'spam', version: '9.9.9' }, threshold: 0.5, metadata: { metrics: { test: { f1 } } } });
    await fn(VERSIONING, 'checkGate', model(0.9), GATE);
    let refused = false;
    await fn(VERSIONING, 'checkGate', model(0.89), GATE).catch(() => (refused = true));
    if (!refused) throw new Error('checkGate(a model with test f1 0.89, gate ≥ 0.9): expected it to throw 422 gate_failed, it returned');
  });
});
