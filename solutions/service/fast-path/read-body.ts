import type { IncomingMessage } from 'node:http';
import type { HttpError } from '../../../server-template/src/errors';
import { aborted, hasBody, invalidJson, refuseByHeaders, tooLarge } from '../../../server-template/src/json-body';

/**
 * Parses UTF-8 JSON text (any JSON value, a leading byte-order mark allowed) or explains why
 * not. An empty body is `{}`, as `express.json` reads it, so both paths answer it alike.
 */
export function parseJsonText(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.length === 0) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw invalidJson((error as Error).message);
  }
}

/** Called once per request with the parsed body (undefined when none was sent) or the error. */
export type BodyCallback = (error: HttpError | undefined, body?: unknown) => void;

/**
 * Reads and parses a JSON request body with the template's rules and errors (`jsonBody`): the
 * same header checks, the same limit, the same messages. Written for the hot path: one buffer
 * list, one decode, one parse.
 */
export function readJsonBody(req: IncomingMessage, maxBodyBytes: number, done: BodyCallback): void {
  if (!hasBody(req)) {
    // `Content-Length: 0` is an empty body, which express.json reads as {}; no header, no body.
    done(undefined, req.headers['content-length'] === undefined ? undefined : {});
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
    if (!req.complete) settle(aborted());
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('close', onClose);
}
