import type { Socket } from 'node:net';
import type { ErrorBody } from './errors';

const STATUS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request was not received in time; send it again, faster.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large.'],
};
const BAD_REQUEST: [number, string, string, string] = [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.'];

/**
 * The raw response for an error node's HTTP parser or its request timeout raises before any
 * route runs, in the contract's JSON shape (node's own answer has no body).
 */
export function clientErrorResponse(code: string | undefined): string {
  const [status, reason, errorCode, message] = (code && STATUS[code]) || BAD_REQUEST;
  const body: ErrorBody = { error: { code: errorCode, message } };
  const text = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    '',
    text,
  ].join('\r\n');
}

/**
 * `clientError` listener: answer in JSON when nothing of a response has been written yet
 * (otherwise the bytes would corrupt it), then close. A peer that reset the connection gets
 * nothing.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  const started = response?.headersSent === true;
  if (err.code !== 'ECONNRESET' && socket.writable && !started) {
    // As node's own handler does: a small write goes out at once, before the destroy.
    socket.write(clientErrorResponse(err.code));
  }
  socket.destroy();
}
