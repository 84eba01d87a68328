/**
 * A server the learner wrote, started on this machine, asked a few questions over HTTP and
 * closed: what a check needs to test the wire and not only the function behind it. Bounded in
 * time whatever the server does (never answers, answers half, keeps the connection open).
 *
 * Imported by lessons through the tslab kernel, so it compiles with TypeScript 5.0 without
 * `strict`, like check.ts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request to send: a body is sent as `application/json`, as is. */
export interface Ask {
  method: string;
  path: string;
  body?: string;
}

/** What came back: the status, the content type, and the body as text and as JSON. */
export interface Answer {
  status: number;
  contentType: string;
  raw: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What `listen`, `address` and `close` need: an `http.Server`, or a look-alike. */
interface Listening {
  listen(port: number, host: string, done: () => void): unknown;
  address(): AddressInfo | string | null;
  close(done?: (e?: Error) => void): unknown;
  once(event: 'error', listener: (e: Error) => void): unknown;
  off(event: 'error', listener: (e: Error) => void): unknown;
  listening?: boolean;
  closeAllConnections?: () => void;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return 'a Promise';
  return typeof value === 'function' ? 'a function (an app or a handler, not a server)' : `a ${typeof value}`;
}

function asServer(value: unknown): Listening {
  const s = value as Listening;
  const ok = !!s && typeof s.listen === 'function' && typeof s.address === 'function' && typeof s.close === 'function';
  if (!ok) throw new Error(`expected a server from http.createServer(…), got ${kindOf(value)}`);
  // The check picks the port: a server already listening (on 3000, say) is the learner's own run.
  if (s.listening) throw new Error('the server is already listening: return it without calling listen(), the check listens on a free port');
  return s;
}

function beforeDeadline<T>(deadline: number, what: string, start: (settle: (e: Error | null, v?: T) => void) => () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let stop = (): void => undefined;
    const timer = setTimeout(
      () => (stop(), reject(new Error(`${what}: no answer within the check's time`))),
      Math.max(0, deadline - Date.now()),
    );
    stop = start((e, v) => {
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(v as T);
    });
  });
}

function listen(server: Listening, deadline: number): Promise<number> {
  return beforeDeadline<number>(deadline, 'listen(0, "127.0.0.1")', (settle) => {
    const failed = (e: Error): void => settle(e);
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', failed);
      const address = server.address();
      settle(null, typeof address === 'object' && address ? address.port : 0);
    });
    return () => server.off('error', failed);
  });
}

function send(port: number, ask: Ask, deadline: number): Promise<Answer> {
  const what = `${ask.method} ${ask.path}`;
  return beforeDeadline<Answer>(deadline, what, (settle) => {
    const headers: Record<string, string | number> =
      ask.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ask.body) };
    // agent: false, so no connection outlives the request and close() is not kept waiting.
    const req = http.request({ host: '127.0.0.1', port, method: ask.method, path: ask.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => settle(e));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          // Not JSON: the check shows `raw`.
        }
        settle(null, { status: res.statusCode || 0, contentType: String(res.headers['content-type'] || ''), raw, json });
      });
    });
    req.on('error', (e) => settle(new Error(`${what}: ${e.message}`)));
    req.end(ask.body);
    return () => req.destroy();
  });
}

/**
 * Starts `server` on 127.0.0.1 (a port the system picks), sends `asks` one after another, and
 * closes it, its open connections too, whatever happened.
 * @param server what the learner's function returned: an `http.Server`, not yet listening
 * @param budgetMs the time for all of it, ms; a request still unanswered then fails
 */
export async function askServer(server: unknown, asks: Ask[], budgetMs = 5000): Promise<Answer[]> {
  const s = asServer(server);
  const deadline = Date.now() + budgetMs;
  try {
    const port = await listen(s, deadline);
    const answers: Answer[] = [];
    for (const ask of asks) answers.push(await send(port, ask, deadline));
    return answers;
  } finally {
    if (typeof s.closeAllConnections === 'function') s.closeAllConnections();
    // Not awaited: once its connections are gone, closing waits for nothing; the callback
    // swallows "not running" when listen itself failed.
    s.close(() => undefined);
  }
}
