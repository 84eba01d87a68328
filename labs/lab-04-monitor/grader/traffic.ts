/**
 * Shared by lab 04's checks: start the learner's app, replay the fixture traffic through
 * `POST /predict`, and compute what the toolkit's drift report and a probability histogram say
 * about the same rows.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { excerpt, expectStatus, once, requestJson, servedApp, type JsonResponse } from '../../../grading/harness';
import { driftReport, monitoringRow, type DriftReference, type DriftReport } from '../../../mlkit/drift';
import traffic from './fixtures/traffic.json';

export const APP = 'src/app.ts';
export const LOG = 'src/prediction-log.ts';
export const DRIFT = 'src/drift.ts';
export const METRICS = 'src/metrics.ts';
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
  reference ??= (
    JSON.parse(readFileSync(path.join(__dirname, '../../../models/spam/1.0.0/metadata.json'), 'utf8')) as { reference: DriftReference }
  ).reference;
  return driftReport(
    reference,
    texts.map((t, i) => monitoringRow(t, answers[i]!.probability, answers[i]!.prediction)),
  );
}

/** Fails naming each column whose verdict differs from the toolkit's. */
export function expectSameVerdicts(got: DriftReport, want: DriftReport, what: string): void {
  const wrong = Object.keys(want.columns).filter((c) => got.columns[c]?.drifted !== want.columns[c]!.drifted);
  if (wrong.length > 0) {
    const say = (r: DriftReport): string =>
      Object.values(r.columns)
        .filter((c) => c?.drifted)
        .map((c) => c.column)
        .join(', ') || 'none';
    throw new Error(`${what}: expected drift in [${say(want)}], got drift in [${say(got)}] (columns that differ: ${wrong.join(', ')})`);
  }
  if (got.dataset_drift !== want.dataset_drift)
    throw new Error(`${what}: expected dataset_drift ${want.dataset_drift}, got ${String(got.dataset_drift)}`);
}

/** The value of one series in Prometheus text exposition, e.g. `predictions_total{class="spam"}`. */
export function metricValue(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** One sample line of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  /** The printed value, as text (`+Inf`, `NaN` and numbers alike). */
  value: string;
}

/** Every sample of an exposition; comments (`# HELP`, `# TYPE`) skipped. */
export function samples(exposition: string): Sample[] {
  const out: Sample[] = [];
  for (const line of exposition.split('\n')) {
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: m[3]! });
  }
  return out;
}

/** A histogram series as `/metrics` printed it. */
export interface HistogramSeries {
  /** Cumulative counts by upper bound, in increasing order of the bound: `{ "0.1": 3, …, "+Inf": 100 }`. */
  buckets: Record<string, number>;
  count: number | undefined;
  sum: number | undefined;
}

function boundKey(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

function sameLabels(got: Record<string, string>, want: Record<string, string>): boolean {
  const keys = Object.keys(got);
  return keys.length === Object.keys(want).length && keys.every((k) => got[k] === want[k]);
}

/** The series of histogram `name` whose labels (besides `le`) are exactly `labels`. */
export function histogramSeries(exposition: string, name: string, labels: Record<string, string>): HistogramSeries {
  const all = samples(exposition);
  const bounds: Array<[number, number]> = [];
  for (const s of all) {
    if (s.name !== `${name}_bucket` || s.labels['le'] === undefined) continue;
    const { le, ...rest } = s.labels;
    if (sameLabels(rest, labels)) bounds.push([le === '+Inf' ? Infinity : Number(le), Number(s.value)]);
  }
  bounds.sort((a, b) => a[0] - b[0]);
  const one = (suffix: string): number | undefined => {
    const s = all.find((x) => x.name === `${name}${suffix}` && sameLabels(x.labels, labels));
    return s === undefined ? undefined : Number(s.value);
  };
  return { buckets: Object.fromEntries(bounds.map(([le, n]) => [boundKey(le), n])), count: one('_count'), sum: one('_sum') };
}

/** What a histogram with these upper bounds holds after observing `values` (Prometheus counts `value <= le`). */
export function expectedBuckets(values: number[], bounds: number[]): Record<string, number> {
  return Object.fromEntries([...bounds, Infinity].map((le) => [boundKey(le), values.filter((v) => v <= le).length]));
}

/** The labels of every sample of `name` (any suffix), to say what was there when a series is missing. */
export function seriesFound(exposition: string, name: string): string {
  const found = [
    ...new Set(
      samples(exposition)
        .filter((s) => s.name.startsWith(name))
        .map((s) => `${s.name}{${Object.keys(s.labels).join(',')}}`),
    ),
  ];
  if (found.length === 0)
    return `no ${name}_* series at all (still the starter's stub, or registered on prom-client's global registry instead of the one given?)`;
  return `only ${found.slice(0, 4).join(', ')}`;
}

export function countBy(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = { ham: 0, spam: 0 };
  for (const a of answers) counts[a.prediction] = (counts[a.prediction] ?? 0) + 1;
  return counts;
}

/** One app for the public story: period 1 then period 2, a window as long as period 2. */
export const PUBLIC_APP = { driftWindow: PERIOD2.length, logFile: 'public.sqlite' };

/** GET /metrics, expecting 200; the exposition text. */
async function scrape(socket: string, what: string): Promise<string> {
  const metrics = await call(socket, 'GET', '/metrics');
  expectStatus(metrics, 200, `GET /metrics ${what}`);
  return metrics.raw;
}

/**
 * Period 1 (the training collection) replayed, then a scrape of /metrics. Apart from the drift
 * report, so the metric's checks do not depend on the drift monitor.
 */
export function periodOneMetrics(): Promise<{ socket: string; answers: Answer[]; exposition: string }> {
  return once('period1-metrics', async () => {
    const socket = await appSocket(PUBLIC_APP);
    const answers = await replay(socket, PERIOD1);
    return { socket, answers, exposition: await scrape(socket, 'after period 1') };
  });
}

/** Period 1 replayed (and scraped), then the drift report. */
export function periodOne(): Promise<{ answers: Answer[]; drift: ServedDrift }> {
  return once('period1', async () => {
    const { socket, answers } = await periodOneMetrics();
    return { answers, drift: await servedDrift(socket, 'after period 1') };
  });
}

/** Then period 2 (the later collection), the drift report, and a scrape of /metrics. */
export function periodTwo(): Promise<{ answers: Answer[]; all: Answer[]; drift: ServedDrift; exposition: string }> {
  return once('period2', async () => {
    // The period-1 report comes before period 2's traffic, whether or not it succeeded.
    await periodOne().catch(() => undefined);
    const first = await periodOneMetrics().catch(() => undefined);
    const socket = await appSocket(PUBLIC_APP);
    const answers = await replay(socket, PERIOD2);
    const drift = await servedDrift(socket, 'after period 2');
    const exposition = await scrape(socket, 'after period 2');
    return { answers, all: [...(first?.answers ?? []), ...answers], drift, exposition };
  });
}
