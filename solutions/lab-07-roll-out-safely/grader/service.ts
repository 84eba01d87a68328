/**
 * Shared by lab 07's checks: start your service (`createLabApp` in src/app.ts) on a socket of its
 * own per scenario, send traffic, run releases through the admin routes, and read the window,
 * the timeline and /metrics.
 */
import { check, excerpt, expectStatus, once, requestJson, servedApp, submission, type JsonResponse } from '../../../grading/harness';
import { samples, type Sample } from '../../lab-04-monitor/grader/traffic';
import { trace, users, type TraceRequest } from './trace';

export const APP = 'src/app.ts';
export const CANARY = 'src/canary.ts';
export const SHADOW = 'src/shadow.ts';
export const PROMOTION = 'src/promotion.ts';
export const METRICS = 'src/release-metrics.ts';
export const TOKEN = 'lab07-admin-token-0123456789';
export const STABLE = '1.0.0';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const CALL_MS = 15_000;

/** A check that starts a service and replays traffic: longer than a single call (seconds, more on a busy machine). */
export function serviceCheck(name: string, points: number, hint: string, fn: () => Promise<void>): Mocha.Test {
  return check(name, points, hint, fn).timeout(90_000);
}

/** A fresh service for one scenario (each release changes the service's state). */
export function service(instance: string, options: { shadowLimit?: number } = {}): Promise<string> {
  return servedApp(APP, 'createLabApp', [{ token: TOKEN, ...options }], { startMs: 20_000, instance });
}

export interface Answer {
  status: number;
  raw: string;
  prediction?: string;
  probability?: number;
  version?: string;
}

/** POST /predict of one text, as `user` (X-User-Id) and with an X-Probe header when given. */
export async function predict(socket: string, text: string, opts: { user?: string; probe?: number } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.user !== undefined) headers['x-user-id'] = opts.user;
  if (opts.probe !== undefined) headers['x-probe'] = String(opts.probe);
  const res = await requestJson(socket, 'POST', '/predict', { text }, { headers, timeoutMs: CALL_MS });
  const model = res.body['model'] as { version?: unknown } | undefined;
  return {
    status: res.status,
    raw: res.raw,
    prediction: res.body['prediction'] as string | undefined,
    probability: res.body['probability'] as number | undefined,
    version: typeof model?.version === 'string' ? model.version : undefined,
  };
}

/** An admin call (the release's routes need the token). */
export function admin(socket: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse> {
  return requestJson(socket, method, path, body, { headers: AUTH, timeoutMs: CALL_MS });
}

/** Starts a release, expecting 200. */
export async function startRelease(socket: string, plan: Record<string, unknown>): Promise<void> {
  expectStatus(await admin(socket, 'POST', '/admin/candidate', plan), 200, `POST /admin/candidate ${JSON.stringify(plan)}`);
}

export interface Window {
  stable: { requests: number; errors: number };
  candidate: { requests: number; errors: number };
  shadow: { agree: number; disagree: number; dropped: number };
}

/** GET /admin/candidate: the release running now (null when none). */
export async function current(socket: string): Promise<{ version: string; window: Window; verdict: unknown } | null> {
  const res = await admin(socket, 'GET', '/admin/candidate');
  expectStatus(res, 200, 'GET /admin/candidate');
  return (res.body['candidate'] as { version: string; window: Window; verdict: unknown } | null | undefined) ?? null;
}

/** Waits for your shadow path's idle() (POST /lab/shadow-idle), so every copy sent so far is scored. */
export async function shadowIdle(socket: string): Promise<void> {
  const res = await requestJson(socket, 'POST', '/lab/shadow-idle', undefined, { timeoutMs: 10_000 }).catch((err: Error) => {
    throw new Error(`${err.message}: your shadow path's idle() did not resolve (src/shadow.ts: createShadowPath().idle)`);
  });
  expectStatus(res, 200, "POST /lab/shadow-idle (your shadow path's idle())");
}

export interface TimelineEvent {
  event: 'answer-sent' | 'candidate-started' | 'candidate-finished';
  probe: number;
}

export async function timeline(socket: string): Promise<TimelineEvent[]> {
  const res = await requestJson(socket, 'GET', '/lab/timeline');
  return (res.body['timeline'] as TimelineEvent[] | undefined) ?? [];
}

/** GET /metrics, parsed into samples. */
export async function scrape(socket: string): Promise<Sample[]> {
  const res = await requestJson(socket, 'GET', '/metrics');
  expectStatus(res, 200, 'GET /metrics');
  return samples(res.raw);
}

/** The value of the sample `name` with exactly these labels, or undefined. */
export function sampleValue(all: Sample[], name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels);
  const s = all.find((x) => x.name === name && Object.keys(x.labels).length === want.length && want.every(([k, v]) => x.labels[k] === v));
  return s === undefined ? undefined : Number(s.value);
}

/** The label sets `name` was printed with, to say what was there instead. */
export function seriesOf(all: Sample[], name: string): string {
  const found = all.filter((s) => s.name === name).map((s) => JSON.stringify(s.labels));
  return found.length === 0 ? `no ${name} series at all` : found.slice(0, 4).join(', ');
}

/** The canary trace: 500 users, two requests each, in a seeded order. */
export const CANARY_USERS = users(500, 7);
export const CANARY_SHARE = 0.25;
export const CANARY_TRACE: TraceRequest[] = trace(CANARY_USERS, 2, 11);

export interface Replayed {
  socket: string;
  answers: Array<TraceRequest & Answer>;
}

/**
 * A canary of the good candidate (1.1.0) at share 0.25 on a fresh service, then the trace. The
 * rule's minimum sample is out of reach, so the release runs through the whole trace.
 */
export function canaryTrace(): Promise<Replayed> {
  return once('canary-trace', async () => {
    const socket = await service('canary');
    await startRelease(socket, { version: '1.1.0', mode: 'canary', share: CANARY_SHARE, rule: { min_samples: 1_000_000 } });
    const answers: Replayed['answers'] = [];
    for (const r of CANARY_TRACE) {
      const a = await predict(socket, r.text, { user: r.user });
      if (a.status !== 200) throw new Error(`POST /predict as user ${r.user}: expected 200, got ${a.status}: ${a.raw.slice(0, 200)}`);
      answers.push({ ...r, ...a });
    }
    return { socket, answers };
  });
}

/** The version each user was served, failing when a user got two. */
export function versionByUser(answers: Replayed['answers']): Map<string, string> {
  const by = new Map<string, string>();
  for (const a of answers) {
    const seen = by.get(a.user);
    if (seen !== undefined && seen !== a.version) {
      throw new Error(`user ${a.user} was answered by ${seen} and then by ${a.version}: one key must always get one version`);
    }
    by.set(a.user, a.version ?? '(none)');
  }
  return by;
}

/** Probe texts: the trace's messages, each tagged `[probe N]` so the candidate versions 1.4.0 and 1.5.0 know them. */
export function probeTexts(from: number, n: number): Array<{ probe: number; text: string }> {
  return Array.from({ length: n }, (_, i) => ({
    probe: from + i,
    text: `${CANARY_TRACE[i]!.text}\n[probe ${from + i}]`,
  }));
}

/**
 * A shadow release of `version` on a fresh service: each probe text is answered once before the
 * release (stable alone: the baseline) and once during it (with `X-Probe`), then the shadow is
 * waited for. Returns both sets of answers.
 */
export function shadowProbes(version: string, n: number): Promise<{ socket: string; before: Answer[]; during: Answer[] }> {
  return once(`shadow-probes ${version}`, async () => {
    const socket = await service(`shadow-${version}`);
    const texts = probeTexts(1, n);
    const before: Answer[] = [];
    for (const t of texts) before.push(await predict(socket, t.text));
    await startRelease(socket, { version, mode: 'shadow', rule: { min_samples: 1_000_000 } });
    const during: Answer[] = [];
    for (const t of texts) during.push(await predict(socket, t.text, { probe: t.probe }));
    await shadowIdle(socket);
    return { socket, before, during };
  });
}

/** Fails naming the first answer during the release that differs from stable's alone. */
export function expectSameAnswers(before: Answer[], during: Answer[], what: string): void {
  for (let i = 0; i < before.length; i++) {
    const b = before[i]!;
    const d = during[i]!;
    if (d.status !== b.status || d.raw !== b.raw) {
      throw new Error(
        `${what}: probe ${i + 1} was answered ${b.status} ${b.raw.slice(0, 120)} by stable alone, but ${d.status} ${d.raw.slice(0, 120)} during the shadow release: the client must get stable's answer, unchanged`,
      );
    }
  }
}

/** The decision threshold the service's models use (GET /models/current). */
export async function threshold(socket: string): Promise<number> {
  const res = await requestJson(socket, 'GET', '/models/current');
  expectStatus(res, 200, 'GET /models/current');
  return res.body['threshold'] as number;
}

/** `submission().call` on src/app.ts, with the reason when it throws. */
export function callApp<T>(fn: string, args: unknown[], timeoutMs = 30_000): Promise<T> {
  return submission().call(APP, fn, args, timeoutMs) as Promise<T>;
}

export { excerpt };
