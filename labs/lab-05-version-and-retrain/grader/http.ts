/**
 * Shared by lab 05's checks: run your retrain once, start your app over a models folder with
 * several versions (some copies of your retrain, one corrupt, some whose metadata lies), and
 * talk JSON to it, with an `Authorization` header when a check needs one.
 */
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { check, expectStatus, once, requestJson, servedApp, submission, type JsonResponse } from '../../../grading/harness';

export const APP = 'src/app.ts';
export const AUTH = 'src/auth.ts';
export const GATE_FILE = 'src/gate.ts';
export const RETRAIN = 'src/retrain.ts';
export const VERSIONING = 'src/versioning.ts';
/** ADMIN_TOKEN of every app the checks start. */
export const TOKEN = 'lab05-admin-token-0123456789';

/**
 * 1.0.2's decision threshold: there 1.0.0's weights fix 5 of its misses on the holdout and raise
 * 1 false alarm — a gain of +0.007 in F1 whose 95 % interval reaches below 0.
 */
export const MARGINAL_THRESHOLD = 0.27;

/**
 * 1.0.0 is the committed model. 1.0.1 has its weights but claims F1 0.97, 1.0.2 has them at
 * threshold {@link MARGINAL_THRESHOLD}; 1.1.0, 1.9.0 and 1.10.0 are your retrain; 1.2.0 is a
 * weak model claiming F1 0.99 and 1.2.1 the same weak model with its own (poor) metadata; 1.3.0
 * fails its checksum; 1.4.0 is your retrain claiming F1 0.5.
 */
export const VERSIONS = [
  { version: '1.0.0' },
  { version: '1.0.1', claimedF1: 0.97 },
  { version: '1.0.2', threshold: MARGINAL_THRESHOLD },
  { version: '1.1.0', weights: 'retrained' },
  { version: '1.2.0', weights: 'weak', claimedF1: 0.99 },
  { version: '1.2.1', weights: 'weak' },
  { version: '1.3.0', corrupt: true },
  { version: '1.4.0', weights: 'retrained', claimedF1: 0.5 },
  { version: '1.9.0', weights: 'retrained' },
  { version: '1.10.0', weights: 'retrained' },
];
/** The folder's versions, oldest first. */
export const ORDERED = ['1.0.0', '1.0.1', '1.0.2', '1.1.0', '1.2.0', '1.2.1', '1.3.0', '1.4.0', '1.9.0', '1.10.0'];

/** Time for a check that may run the retrain (seconds on a quiet machine, more on a busy one). */
const APP_CHECK_MS = 140_000;

/** A check that starts an app (and so may wait for the retrain). */
export function appCheck(name: string, points: number, hint: string, fn: () => Promise<void>): Mocha.Test {
  return check(name, points, hint, fn).timeout(APP_CHECK_MS);
}

/** The folder your `retrain({ version: '1.1.0' })` returned, run once per submission. */
export function retrainedDir(): Promise<string> {
  return once('retrain 1.1.0', async () => {
    let dir: unknown;
    try {
      dir = await submission().call(RETRAIN, 'retrain', [{ version: '1.1.0' }], 120_000);
    } catch (err) {
      throw new Error(
        `the checks serve your retrain as 1.1.0, and retrain({ version: "1.1.0" }) failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (typeof dir !== 'string')
      throw new Error(`retrain({ version: "1.1.0" }) should return the new version's folder (a string), got ${JSON.stringify(dir)}`);
    // A relative path would be read against the checks' own folder, not the submission's: the
    // checks write beside it, so it must name where the retrain really went.
    if (!path.isAbsolute(dir))
      throw new Error(
        `retrain({ version: "1.1.0" }) should return the new version's folder as an absolute path, got ${JSON.stringify(dir)}`,
      );
    // The checks write beside this folder, so it must be one the submission made in its own
    // temporary space (where a default models folder goes), never a path elsewhere on the machine.
    const real = existsSync(dir) ? realpathSync(dir) : dir;
    const scratch = realpathSync(submission().scratchDir);
    if (path.relative(scratch, real).startsWith('..'))
      throw new Error(
        `retrain({ version: "1.1.0" }) without modelsDir should write into a new temporary folder (os.tmpdir(), here ${scratch}), got ${JSON.stringify(dir)}`,
      );
    return dir;
  });
}

/** A fresh app per `name` (so checks that swap do not disturb each other), started once per submission. */
export async function appSocket(name: string, options: Record<string, unknown> = {}): Promise<string> {
  const retrained = await retrainedDir();
  return servedApp(APP, 'createLabApp', [{ token: TOKEN, versions: VERSIONS, retrained, ...options }], { startMs: 60_000, instance: name });
}

/** One request; `authorization` is sent as the `Authorization` header when given. */
export function send(socketPath: string, method: string, urlPath: string, body?: unknown, authorization?: string): Promise<JsonResponse> {
  return requestJson(socketPath, method, urlPath, body, {
    timeoutMs: 30_000,
    headers: authorization === undefined ? {} : { authorization },
  });
}

/** POST an admin route with the right token. */
export function admin(socket: string, route: 'reload' | 'rollback', body?: unknown): Promise<JsonResponse> {
  return send(socket, 'POST', `/admin/${route}`, body, `Bearer ${TOKEN}`);
}

/** The version answering `POST /predict` now. */
export async function answeringVersion(socket: string): Promise<unknown> {
  const res = await send(socket, 'POST', '/predict', { text: 'Meeting moved to 3pm, see you there.' });
  expectStatus(res, 200, 'POST /predict');
  return (res.body['model'] as { version?: unknown } | undefined)?.version;
}

/** `error.details` of an error answer ({} when there is none). */
export function details(res: JsonResponse): Record<string, unknown> {
  const error = res.body['error'] as { details?: unknown } | undefined;
  return error?.details !== null && typeof error?.details === 'object' ? (error.details as Record<string, unknown>) : {};
}

/** POST /admin/reload and expect `status` (and `code`), naming the version in the failure. */
export async function reloadExpect(
  socket: string,
  version: string | undefined,
  status: number,
  code?: string,
  why = '',
): Promise<JsonResponse> {
  const res = await admin(socket, 'reload', version === undefined ? {} : { version });
  expectStatus(
    res,
    status,
    `POST /admin/reload ${version === undefined ? '{}' : JSON.stringify({ version })}${why ? ` (${why})` : ''}`,
    code,
  );
  return res;
}
