/**
 * What lab graders import. A check is a mocha test worth some points with a hint for the
 * learner; it talks to the submission only through `submission()`, which runs the learner's
 * code in another process.
 *
 * ```ts
 * check('accuracy of a perfect guess is 1', 2, 'src/metrics.ts: accuracy()', async () => {
 *   expectClose(await submission().call('src/metrics.ts', 'accuracy', [[1, 0], [1, 0]]), 1);
 * });
 * ```
 */
import { AssertionError } from 'node:assert/strict';
import * as http from 'node:http';
import type { Sandbox } from '../sandbox/client';

/** Points and hint of each check, read by the results reporter. */
export const checkInfo = new WeakMap<Mocha.Test, { points: number; hint: string }>();

let current: Sandbox | undefined;

/** Set by the runner before graders run. */
export function setSubmission(s: Sandbox | undefined): void {
  current = s;
}

/** The submission under test. */
export function submission(): Sandbox {
  if (!current) throw new Error('no submission: run graders through npm run check or npm run grade');
  return current;
}

/**
 * Declares a check worth `points` (partial credit: a lab's score is the sum of passed checks).
 * @param hint where the learner should look when it fails (file, function, notebook section)
 */
export function check(name: string, points: number, hint: string, fn: () => Promise<void> | void): Mocha.Test {
  if (!(points >= 0)) throw new Error(`check "${name}": points must be >= 0`);
  const test = it(name, async function () {
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof CheckSkipped)) throw e;
      skipReasons.set(this.test as Mocha.Test, e.message);
      this.skip();
    }
  });
  checkInfo.set(test, { points, hint });
  return test;
}

/** Why each skipped check could not run, read by the results reporter. */
export const skipReasons = new WeakMap<Mocha.Test, string>();

/** Thrown by `skipCheck`. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/**
 * Ends the current check as skipped: what it needs is missing on this machine (a Docker
 * engine), which is not the learner's doing. A skipped check counts for neither the score nor
 * the maximum, and the results say why it was skipped.
 */
export function skipCheck(reason: string): never {
  throw new CheckSkipped(reason);
}

function fail(message: string, expected: unknown, actual: unknown): never {
  throw new AssertionError({ message, expected, actual, operator: 'check' });
}

/** Asserts `got` is a number within `tol` of `expected` (absolute). */
export function expectClose(got: unknown, expected: number, tol = 1e-9, what = 'value'): void {
  if (typeof got !== 'number') fail(`${what} should be a number`, expected, got);
  const ok = Number.isNaN(expected) ? Number.isNaN(got) : Math.abs(got - expected) <= tol;
  if (!ok) fail(`${what} should be ${expected} (± ${tol})`, expected, got);
}

/** Asserts deep equality of JSON-like values. */
export function expectEqual(got: unknown, expected: unknown, what = 'result'): void {
  if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`${what} differs`, expected, got);
}

/** A response from the submission's app. */
export interface AppResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one HTTP request to an app started with `submission().serve(...)`. */
export function request(socketPath: string, method: string, urlPath: string, body?: unknown, timeoutMs = 5000): Promise<AppResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request({ socketPath, method, path: urlPath, headers: payload ? { 'content-type': 'application/json' } : {}, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
