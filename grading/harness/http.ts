/**
 * HTTP to the learner's app, over the unix socket `submission().serve(...)` returns: what the
 * checks of every service lab send, so each lab's graders keep only their own assertions.
 */
import * as http from 'node:http';

/** A response from the submission's app. */
export interface AppResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  /**
   * Request headers, e.g. `{ authorization: 'Bearer …' }`. `content-type: application/json` is
   * added when a body is sent and these do not name a content type.
   */
  headers?: Readonly<Record<string, string>>;
  /** How long to wait for the whole response, ms (default 5000). */
  timeoutMs?: number;
}

/**
 * Sends one HTTP request to an app started with `submission().serve(...)`.
 * @param body sent as JSON; a string is sent as is (to test malformed JSON)
 */
export function request(
  socketPath: string,
  method: string,
  urlPath: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<AppResponse> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { ...options.headers };
  const namesType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (payload !== undefined && !namesType) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: urlPath, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A response whose body was read as JSON. */
export interface JsonResponse<B extends object = Record<string, unknown>> {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed body when it is a JSON object, `{}` otherwise (the checks then report `raw`). */
  body: Partial<B> & Record<string, unknown>;
  /** The body as text, whole (quote it with `excerpt`). */
  raw: string;
}

/** `request`, with the body parsed as JSON when it is a JSON object. */
export async function requestJson<B extends object = Record<string, unknown>>(
  socketPath: string,
  method: string,
  urlPath: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<JsonResponse<B>> {
  const res = await request(socketPath, method, urlPath, body, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    // Not JSON (a crash page, /metrics): the checks read `raw`.
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return { status: res.status, headers: res.headers, body: (isObject ? parsed : {}) as JsonResponse<B>['body'], raw: res.body };
}

/** The start of a response body, for a failure message (a whole error page would bury the point). */
export function excerpt(res: { raw: string }, chars = 300): string {
  return res.raw.length > chars ? `${res.raw.slice(0, chars)}…` : res.raw;
}

/**
 * Fails unless the response has status `expected` and, when `code` is given, the JSON error
 * body `{"error": {"code": code}}`; the message names `what` and quotes the start of the body.
 */
export function expectStatus(res: JsonResponse, expected: number, what: string, code?: string): void {
  const got = (res.body['error'] as { code?: unknown } | undefined)?.code;
  if (res.status !== expected || (code !== undefined && got !== code)) {
    throw new Error(
      `${what}: expected HTTP ${expected}${code === undefined ? '' : ` with error.code "${code}"`}, got ${res.status} with body ${excerpt(res)}`,
    );
  }
}
