/**
 * Shared by lab 04's checks: start the learner's app, replay the fixture traffic through
 * `POST /predict`, and compute what the toolkit's drift report says about the same rows.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { excerpt, expectStatus, once, requestJson, servedApp, type JsonResponse } from '../../../grading/harness';
import { driftReport, monitoringRow, type DriftReference, type DriftReport } from '../../../mlkit/drift';
import traffic from './fixtures/traffic.json';

export const APP = 'src/app.ts';
export const LOG = 'src/prediction-log.ts';
export const DRIFT = 'src/drift.ts';
export const PERIOD1: string[] = traffic.period1.texts;
export const PERIOD2: string[] = traffic.period2.texts;
/** The batch size the replay sends (the app's MAX_BATCH is 100). */
const BATCH = 50;

/** The unix socket of `createLabApp(options)`, started once per submission and options. */
export function appSocket(options: { driftWindow: number; logFile: string }): Promise<string> {
  return servedApp(APP, 'createLabApp', [options], { startMs: 15_000 });
}

/** One request with the replay's time limit (a batch of 50 goes through the model and the log). */
export function call(socket: string, method: string, urlPath: string, body?: unknown): Promise<JsonResponse> {
  return requestJson(socket, method, urlPath, body, { timeoutMs: 15_000 });
}

export interface Answer {
  prediction: 'spam' | 'ham';
  probability: number;
}

/** Sends `texts` in batches, in order; returns the answers. */
export async function replay(socket: string, texts: string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const chunk = texts.slice(i, i + BATCH);
    const res = await call(socket, 'POST', '/predict', { instances: chunk.map((text) => ({ text })) });
    expectStatus(res, 200, `POST /predict with messages ${i}–${i + chunk.length - 1} of the replay`);
    answers.push(...(res.body['predictions'] as Answer[]));
  }
  return answers;
}

/** The drift report the learner's service serves. */
export interface ServedDrift {
  score: number;
  window: number;
  report: DriftReport;
}

/** GET /monitoring/drift, expecting 200. */
export async function servedDrift(socket: string, what: string): Promise<ServedDrift> {
  const res = await call(socket, 'GET', '/monitoring/drift');
  expectStatus(res, 200, `GET /monitoring/drift ${what}`);
  const report = res.body['report'] as DriftReport | undefined;
  if (typeof report !== 'object' || report === null || typeof report.columns !== 'object') {
    throw new Error(`GET /monitoring/drift ${what}: expected a "report" with "columns", got ${excerpt(res)}`);
  }
  return { score: res.body['score'] as number, window: res.body['window'] as number, report };
}

let reference: DriftReference | undefined;

/** What the toolkit reports for these texts with these answers, against the committed model's reference. */
export function expectedReport(texts: string[], answers: Answer[]): DriftReport {
  reference ??= (JSON.parse(readFileSync(path.join(__dirname, '../../../models/spam/1.0.0/metadata.json'), 'utf8')) as { reference: DriftReference }).reference;
  return driftReport(reference, texts.map((t, i) => monitoringRow(t, answers[i]!.probability, answers[i]!.prediction)));
}

/** Fails naming each column whose verdict differs from the toolkit's. */
export function expectSameVerdicts(got: DriftReport, want: DriftReport, what: string): void {
  const wrong = Object.keys(want.columns).filter((c) => got.columns[c]?.drifted !== want.columns[c]!.drifted);
  if (wrong.length > 0) {
    const say = (r: DriftReport): string => Object.values(r.columns).filter((c) => c?.drifted).map((c) => c.column).join(', ') || 'none';
    throw new Error(`${what}: expected drift in [${say(want)}], got drift in [${say(got)}] (columns that differ: ${wrong.join(', ')})`);
  }
  if (got.dataset_drift !== want.dataset_drift) throw new Error(`${what}: expected dataset_drift ${want.dataset_drift}, got ${String(got.dataset_drift)}`);
}

/** The value of one series in Prometheus text exposition, e.g. `predictions_total{class="spam"}`. */
export function metricValue(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

export function countBy(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = { ham: 0, spam: 0 };
  for (const a of answers) counts[a.prediction] = (counts[a.prediction] ?? 0) + 1;
  return counts;
}

/** One app for the public story: period 1 then period 2, a window as long as period 2. */
export const PUBLIC_APP = { driftWindow: PERIOD2.length, logFile: 'public.sqlite' };

/** Period 1 (the training collection) replayed, then the drift report. */
export function periodOne(): Promise<{ answers: Answer[]; drift: ServedDrift }> {
  return once('period1', async () => {
    const socket = await appSocket(PUBLIC_APP);
    const answers = await replay(socket, PERIOD1);
    return { answers, drift: await servedDrift(socket, 'after period 1') };
  });
}

/** Then period 2 (the later collection), the drift report, and a scrape of /metrics. */
export function periodTwo(): Promise<{ answers: Answer[]; all: Answer[]; drift: ServedDrift; exposition: string }> {
  return once('period2', async () => {
    const first = await periodOne().catch(() => undefined);
    const socket = await appSocket(PUBLIC_APP);
    const answers = await replay(socket, PERIOD2);
    const drift = await servedDrift(socket, 'after period 2');
    const metrics = await call(socket, 'GET', '/metrics');
    expectStatus(metrics, 200, 'GET /metrics');
    return { answers, all: [...(first?.answers ?? []), ...answers], drift, exposition: metrics.raw };
  });
}
