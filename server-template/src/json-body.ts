import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Headers say whether a body follows: a non-zero length, or chunked transfer. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Why the headers alone rule the body out, or undefined when reading may start: not JSON (415),
 * not UTF-8 or compressed (415), or announced larger than the limit (413, before reading a byte).
 */
export function refuseByHeaders(req: IncomingMessage, maxBodyBytes: number): HttpError | undefined {
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) {
    return new HttpError(415, 'unsupported_media_type', `Send the body as application/json (got ${type ?? 'no content type'}).`);
  }
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new HttpError(415, 'unsupported_media_type', `Request body must be UTF-8 JSON (got charset ${charset}).`);
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return new HttpError(415, 'unsupported_media_type', `Content-Encoding ${encoding} is not accepted; send the JSON uncompressed.`);
  }
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBodyBytes) return tooLarge(maxBodyBytes);
  return undefined;
}

function tooLarge(maxBodyBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `Request body is larger than the limit of ${maxBodyBytes} bytes.`, { limitBytes: maxBodyBytes });
}

/** Parses UTF-8 JSON text (any JSON value, a leading byte-order mark allowed) or explains why not. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `Request body is not valid JSON: ${(error as Error).message}.`);
  }
}

/** Called once per request with the parsed body (undefined when none was sent) or the error. */
export type BodyCallback = (error: HttpError | undefined, body?: unknown) => void;

/**
 * Reads and parses a JSON request body: 415 for a body that is not UTF-8 JSON, 413 over
 * `maxBodyBytes` (reading stops there), 400 for malformed JSON or an aborted upload. A request
 * without a body gives `undefined`; the route decides whether that is fine. Written for the hot
 * path: one buffer list, one decode, one parse (body-parser's general machinery — decoders per
 * charset, inflation — was a tenth of a prediction's cost). Needs nothing of Express, so the
 * Express middleware and the plain-node `/predict` path read bodies the same way.
 */
export function readJsonBody(req: IncomingMessage, maxBodyBytes: number, done: BodyCallback): void {
  if (!hasBody(req)) {
    done(undefined, undefined);
    return;
  }
  const refused = refuseByHeaders(req, maxBodyBytes);
  if (refused) {
    req.resume(); // discard the body so the connection can serve the error response
    done(refused);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error?: HttpError): void => {
    if (settled) return;
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('close', onClose);
    if (error) {
      req.resume();
      done(error);
      return;
    }
    let body: unknown;
    try {
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      body = parseJsonText(text);
    } catch (parseError) {
      done(parseError as HttpError);
      return;
    }
    done(undefined, body);
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBodyBytes) settle(tooLarge(maxBodyBytes));
    else chunks.push(chunk);
  };
  const onEnd = (): void => settle();
  const onClose = (): void => {
    if (!req.complete) settle(new HttpError(400, 'request_aborted', 'The client aborted the request.'));
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('close', onClose);
}

/** Express middleware around `readJsonBody`: the body lands in `req.body`, errors go to `next`. */
export function jsonBody(maxBodyBytes: number): RequestHandler {
  return (req, _res, next) => {
    req.body = undefined;
    readJsonBody(req, maxBodyBytes, (error, body) => {
      if (error) {
        next(error);
        return;
      }
      req.body = body;
      next();
    });
  };
}
