import type { ServerResponse } from 'node:http';

/**
 * Send `body` as JSON with `status`: the bytes and headers Express's `res.json` sends (no ETag,
 * which the app turns off), written with node's own response so that code outside Express's
 * request pipeline answers exactly like a route does.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
