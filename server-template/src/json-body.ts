import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Headers say whether a body follows: a non-zero length, or chunked transfer. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** 413 `payload_too_large`, naming the limit. */
export function tooLarge(maxBodyBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `Request body is larger than the limit of ${maxBodyBytes} bytes.`, {
    limitBytes: maxBodyBytes,
  });
}

/** 400 `invalid_json`, with the parser's reason. */
export function invalidJson(reason: string): HttpError {
  return new HttpError(400, 'invalid_json', `Request body is not valid JSON: ${reason}.`);
}

/** 400 `request_aborted`: the client hung up before the body was complete. */
export function aborted(): HttpError {
  return new HttpError(400, 'request_aborted', 'The client aborted the request.');
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

/** What body-parser (inside `express.json`) throws: a `type` naming the failure. */
interface BodyParserError {
  type?: unknown;
  message?: unknown;
}

/** body-parser's errors in the contract's words; anything else is passed on unchanged. */
function contractError(err: unknown, maxBodyBytes: number): unknown {
  const e = err as BodyParserError | null;
  switch (e?.type) {
    case 'entity.parse.failed':
      return invalidJson(String(e.message));
    case 'entity.too.large':
      return tooLarge(maxBodyBytes);
    case 'request.aborted':
      return aborted();
    default:
      return err;
  }
}

/**
 * The JSON body of a request, in `req.body` (undefined when none was sent; the route decides
 * whether that is fine). Express's own `express.json` reads and parses it; before it, the headers
 * are checked so that what the contract refuses is refused with its code (415 not JSON, not UTF-8
 * or compressed; 413 announced too large), and after it, body-parser's errors are translated
 * (400 `invalid_json`, 413 over the limit while reading, 400 `request_aborted`).
 * @param maxBodyBytes the largest body accepted, in bytes
 */
export function jsonBody(maxBodyBytes: number): RequestHandler[] {
  // `strict: false`: any JSON value parses; the validator says what shape it wants.
  const parse = express.json({ limit: maxBodyBytes, strict: false, inflate: false, type: () => true });
  const checkHeaders: RequestHandler = (req, _res, next) => {
    req.body = undefined;
    const refused = hasBody(req) ? refuseByHeaders(req, maxBodyBytes) : undefined;
    if (refused) req.resume(); // discard the body so the connection can serve the error response
    next(refused);
  };
  const readBody: RequestHandler = (req, res, next) => {
    parse(req, res, (err?: unknown) => next(err === undefined ? undefined : contractError(err, maxBodyBytes)));
  };
  return [checkHeaders, readBody];
}
