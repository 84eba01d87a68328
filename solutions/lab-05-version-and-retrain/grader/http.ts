/**
 * Shared by lab 05's checks: start the learner's app with versions on disk, and talk JSON to
 * it, with an `Authorization` header when a check needs one.
 */
import { expectStatus, requestJson, servedApp, type JsonResponse } from '../../../grading/harness';

export const APP = 'src/app.ts';
export const AUTH = 'src/auth.ts';
export const VERSIONING = 'src/versioning.ts';
/** ADMIN_TOKEN of every app the checks start. */
export const TOKEN = 'lab05-admin-token-0123456789';
export const GATE = { split: 'test', metric: 'f1', min: 0.9 };

/**
 * 1.0.0 is the committed model (test F1 0.946); 1.1.0 a retrained one that passes the gate;
 * 1.2.0 a retrained one below it; 1.3.0 fails its checksum.
 */
export const VERSIONS = [
  { version: '1.0.0' },
  { version: '1.1.0', metrics: { test: { f1: 0.962 } } },
  { version: '1.2.0', metrics: { test: { f1: 0.62 } } },
  { version: '1.3.0', corrupt: true },
];

/** A fresh app per `name` (so checks that swap do not disturb each other), started once per submission. */
export function appSocket(name: string, options: Record<string, unknown> = {}): Promise<string> {
  return servedApp(APP, 'createLabApp', [{ token: TOKEN, versions: VERSIONS, gate: GATE, ...options }], { startMs: 20_000, instance: name });
}

/** One request; `authorization` is sent as the `Authorization` header when given. */
export function send(socketPath: string, method: string, urlPath: string, body?: unknown, authorization?: string): Promise<JsonResponse> {
  return requestJson(socketPath, method, urlPath, body, { timeoutMs: 15_000, headers: authorization === undefined ? {} : { authorization } });
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
