/**
 * Shared by lab 05's checks: start the learner's app with versions on disk, and talk JSON to
 * it, with an `Authorization` header when a check needs one.
 */
import * as http from 'node:http';
import { submission } from '../../../grading/harness';

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

const sockets = new WeakMap<object, Map<string, Promise<string>>>();

/** A fresh app per `name` (so checks that swap do not disturb each other), started once per submission. */
export function appSocket(name: string, options: Record<string, unknown> = {}): Promise<string> {
  const s = submission();
  const byName = sockets.get(s) ?? new Map<string, Promise<string>>();
  sockets.set(s, byName);
  let socket = byName.get(name);
  if (!socket) {
    socket = s.serve(APP, 'createLabApp', [{ token: TOKEN, versions: VERSIONS, gate: GATE, ...options }], 20_000);
    byName.set(name, socket);
  }
  return socket;
}

export interface JsonResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  raw: string;
}

/** One request; `authorization` is sent as the `Authorization` header when given. */
export function send(socketPath: string, method: string, urlPath: string, body?: unknown, authorization?: string): Promise<JsonResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (authorization !== undefined) headers['authorization'] = authorization;
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: urlPath, headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          // Not JSON: the checks report the raw text.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, raw: raw.slice(0, 300) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no response within 15 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST an admin route with the right token. */
export function admin(socket: string, route: 'reload' | 'rollback', body?: unknown): Promise<JsonResponse> {
  return send(socket, 'POST', `/admin/${route}`, body, `Bearer ${TOKEN}`);
}

export function expectStatus(res: JsonResponse, expected: number, what: string, code?: string): void {
  const got = (res.body['error'] as { code?: unknown } | undefined)?.code;
  if (res.status !== expected || (code !== undefined && got !== code)) {
    throw new Error(`${what}: expected HTTP ${expected}${code ? ` with error.code "${code}"` : ''}, got ${res.status} with body ${res.raw}`);
  }
}

/** The version answering `POST /predict` now. */
export async function answeringVersion(socket: string): Promise<unknown> {
  const res = await send(socket, 'POST', '/predict', { text: 'Meeting moved to 3pm, see you there.' });
  expectStatus(res, 200, 'POST /predict');
  return (res.body['model'] as { version?: unknown } | undefined)?.version;
}
