/**
 * Steady load for rollout tests: a few workers, each sending POST /predict one after another on
 * a kept-alive connection, until told to stop — or at most `maxRequests` requests or `maxMs`.
 */

export interface LoadOptions {
  /** e.g. `http://127.0.0.1:41234` (the load balancer). */
  url: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Bound on the whole run (default 20 000 requests). */
  maxRequests?: number;
  /** Bound on the whole run (default 180 s). */
  maxMs?: number;
  /** Per-request limit (default 5 s): a request that hangs counts as failed. */
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** The first failures, as `status 502` or the error's message. */
  failures: string[];
  durationMs: number;
  /** Answers per `model.version` in the responses. */
  versions: Record<string, number>;
  /** The model version of the last answer. */
  lastVersion: string | undefined;
}

export interface RunningLoad {
  /** Answers so far (for waiting until traffic flows). */
  okSoFar(): number;
  stop(): Promise<LoadResult>;
}

const TEXTS = [
  'Free money now!!! Click http://win.example',
  'Meeting at ten tomorrow, room 4.',
  'hello hello friend',
  'Your invoice for March is attached.',
];

/** Starts the workers at once; `stop()` lets each finish its current request and reports. */
export function startLoad(options: LoadOptions): RunningLoad {
  const { url, concurrency = 4, maxRequests = 20_000, maxMs = 180_000, timeoutMs = 5_000 } = options;
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, failures: [], durationMs: 0, versions: {}, lastVersion: undefined };
  const began = Date.now();
  let stopping = false;
  const more = (): boolean => !stopping && result.sent < maxRequests && Date.now() - began < maxMs;
  const worker = async (w: number): Promise<void> => {
    while (more()) {
      const text = TEXTS[(result.sent + w) % TEXTS.length];
      result.sent += 1;
      await one(`${url}/predict`, text, timeoutMs, result);
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return {
    okSoFar: () => result.ok,
    async stop() {
      stopping = true;
      await workers;
      result.durationMs = Date.now() - began;
      return result;
    },
  };
}

async function one(url: string, text: string, timeoutMs: number, result: LoadResult): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { model?: { version?: string } };
    if (res.status !== 200) return fail(result, `status ${res.status}`);
    result.ok += 1;
    const version = body.model?.version ?? '(none)';
    result.versions[version] = (result.versions[version] ?? 0) + 1;
    result.lastVersion = version;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    fail(result, `${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
}

function fail(result: LoadResult, reason: string): void {
  result.failed += 1;
  if (result.failures.length < 20) result.failures.push(reason);
}

/** One line for logs and reports: `5123 sent, 5123 ok, 0 failed in 41.2 s (124 req/s)`. */
export function describeLoad(r: LoadResult): string {
  const seconds = r.durationMs / 1000;
  const why = r.failures.length > 0 ? `; first failures: ${[...new Set(r.failures)].slice(0, 3).join(' | ')}` : '';
  return `${r.sent} sent, ${r.ok} ok, ${r.failed} failed in ${seconds.toFixed(1)} s (${Math.round(r.sent / seconds)} req/s); versions ${JSON.stringify(r.versions)}${why}`;
}
