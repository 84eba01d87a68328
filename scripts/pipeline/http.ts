/**
 * One bounded HTTP request on node:http, for probing a container the pipeline just started.
 *
 * Not `fetch`: Node 20's fetch never settles when the peer closes a just-accepted connection
 * before answering — which is what Docker's port proxy does while the container's service is
 * not listening yet — and the timer of `AbortSignal.timeout` does not keep Node running, so
 * the event loop drains and the process exits 0 in the middle of the step. node:http reports
 * that connection as an error at once, and the time limit here is an ordinary (referenced)
 * timer, so every request settles: with an answer, an error, or the time limit.
 */
import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  /** The body as text (cut at `MAX_BODY` bytes). */
  text: string;
}

export interface HttpOptions {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  json?: unknown;
  /** The longest the whole request may take, in ms. */
  timeoutMs: number;
}

/** Health and prediction answers are small; a larger body is cut, not buffered whole. */
const MAX_BODY = 1024 * 1024;

/** `method url` on a fresh connection (no keep-alive pool to outlive the step); rejects on any failure or after `timeoutMs`. */
export function httpRequest(url: string, options: HttpOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
    const headers: Record<string, string> = { connection: 'close' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const req = request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8') });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`${options.method ?? 'GET'} ${url}: no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(payload);
  });
}
