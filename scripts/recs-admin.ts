/**
 * The running recommendation service's admin routes (the same as the spam API's, lab 05):
 * `POST /admin/reload {"version"}` swaps a version in, `POST /admin/rollback` swaps back; both
 * need `Authorization: Bearer <token>`.
 */

export interface Service {
  url: string;
  token: string;
}

export interface SwapAnswer {
  previous?: { name: string; version: string };
  current: { name: string; version: string };
}

/** What the service (or the network) said when a swap did not happen. */
export class AdminCallError extends Error {
  override name = 'AdminCallError';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function post(service: Service, route: string, body: object | undefined, timeoutMs: number): Promise<SwapAnswer> {
  let res: Response;
  try {
    res = await fetch(`${service.url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new AdminCallError(`POST ${service.url}${route} did not answer: ${(e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new AdminCallError(
      `POST ${route} answered ${res.status}${err?.code ? ` ${err.code}` : ''}: ${err?.message ?? text.slice(0, 200)}`,
      res.status,
      err?.code,
    );
  }
  const current = (json as SwapAnswer | undefined)?.current;
  if (typeof current?.version !== 'string')
    throw new AdminCallError(`POST ${route} answered ${res.status} without {"current": {"version"}}: ${text.slice(0, 200)}`);
  return json as SwapAnswer;
}

/** Swaps `version` in; resolves when the service answers with it current. */
export async function hotSwap(service: Service, version: string, timeoutMs = 60_000): Promise<SwapAnswer> {
  const answer = await post(service, '/admin/reload', { version }, timeoutMs);
  if (answer.current.version !== version)
    throw new AdminCallError(`POST /admin/reload answered with version ${answer.current.version} current, not ${version}`);
  return answer;
}

/** Swaps back to the service's previous model. */
export function serviceRollback(service: Service, timeoutMs = 60_000): Promise<SwapAnswer> {
  return post(service, '/admin/rollback', undefined, timeoutMs);
}
