/**
 * Traffic from many users, for canary tests: like `./load`'s steady POST /predict, but each
 * request carries an `X-User-Id` (user-0, user-1, … in turn), the key a canary splits users by,
 * so a share of them reaches the candidate whatever the texts hash to.
 */
import type { LoadResult, RunningLoad } from './load';

export interface UserTrafficOptions {
  url: string;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Distinct users, cycled (default 50). */
  users?: number;
  /** Bounds on the whole run (defaults: 50,000 requests, 240 s). */
  maxRequests?: number;
  maxMs?: number;
}

const TEXTS = ['Free money now!!! Click http://win.example', 'Meeting at ten tomorrow, room 4.', 'Your invoice for March is attached.'];

export function startUserTraffic(options: UserTrafficOptions): RunningLoad {
  const { url, concurrency = 2, users = 50, maxRequests = 50_000, maxMs = 240_000 } = options;
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, failures: [], durationMs: 0, versions: {}, lastVersion: undefined };
  const began = Date.now();
  let stopping = false;
  const more = (): boolean => !stopping && result.sent < maxRequests && Date.now() - began < maxMs;
  const one = async (n: number): Promise<void> => {
    try {
      const res = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': `user-${n % users}` },
        body: JSON.stringify({ text: TEXTS[n % TEXTS.length] }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await res.json().catch(() => ({}))) as { model?: { version?: string } };
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      result.ok += 1;
      const version = body.model?.version ?? '(none)';
      result.versions[version] = (result.versions[version] ?? 0) + 1;
      result.lastVersion = version;
    } catch (error) {
      result.failed += 1;
      if (result.failures.length < 20) result.failures.push((error as Error).message);
    }
  };
  const worker = async (): Promise<void> => {
    while (more()) await one(result.sent++);
  };
  const workers = Promise.all(Array.from({ length: concurrency }, () => worker()));
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
