import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { bodyText, emptyReason } from './body';
import { isPlausibleDate, parseMailDate } from './dates';

/** One message's fields, before the build adds group, period and label. */
export interface ParsedMessage {
  date: string | null;
  date_plausible: boolean;
  from_domain: string | null;
  subject: string;
  body: string;
  is_html: boolean;
  headers: string;
}

/** A message that cannot be used, with the reason; the build reports it instead of crashing. */
export interface Malformed {
  id: string;
  reason: string;
}

export type ParseOutcome = { ok: true; message: ParsedMessage } | { ok: false; reason: string };

const HEADER_END = /\r?\n\r?\n/;

/** The raw header block (everything before the first blank line), unfolded, with LF endings. */
export function rawHeaderBlock(raw: Buffer): string {
  const text = new TextDecoder('utf-8').decode(raw);
  const end = text.search(HEADER_END);
  const block = end < 0 ? text : text.slice(0, end);
  return block.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
}

function firstHeader(parsed: ParsedMail, key: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === key)?.line;
  return line === undefined
    ? undefined
    : line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
}

function fromDomain(parsed: ParsedMail): string | null {
  const address = parsed.from?.value[0]?.address ?? '';
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9.-]+$/, '');
  return domain === '' ? null : domain;
}

const PARSE_OPTIONS = { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true };

// Some mailers lose the multipart Content-Type header but keep the parts: the "text" is then a
// MIME body ("--boundary\nContent-Type: text/html ..."). Its first boundary line names the
// boundary, so the parts can be read by putting the missing header back. The lost type is
// assumed to be multipart/alternative (text and HTML copies of one message), the usual case.
// Up to three short preamble lines ("This is a MIME Message") may come first.
const LOST_MULTIPART = /^(?:[^\n]{0,80}\n){0,3}?--([^\s]+)[ \t]*\r?\nContent-Type:/i;

async function repairMultipart(raw: Buffer, original: ParsedMail, body: string): Promise<{ parsed: ParsedMail; body: string } | null> {
  const type = original.headers.get('content-type');
  if (typeof type === 'object' && type !== null && 'value' in type && String(type.value).startsWith('multipart/')) return null;
  const boundary = LOST_MULTIPART.exec(body)?.[1];
  const end = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') + 2 : raw.indexOf('\r\n\r\n') + 4;
  if (boundary === undefined || end < 4) return null;
  const header = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n`, 'latin1');
  const repaired = Buffer.concat([header, raw.subarray(end)]);
  const parsed = await simpleParser(repaired, PARSE_OPTIONS);
  const text = bodyText(parsed, repaired.toString('latin1'));
  return text === '' ? null : { parsed, body: text };
}

/**
 * Parses one raw RFC 822 message (any MIME structure, transfer encoding or charset).
 *
 * @param raw the message bytes, headers included.
 * @returns the fields of the data contract, or `{ ok: false, reason }` when the message has no
 *   header block, cannot be decoded, or has no text at all (attachments only).
 */
export async function parseMessage(raw: Buffer): Promise<ParseOutcome> {
  let parsed: ParsedMail;
  let body: string;
  const rawText = raw.toString('latin1');
  try {
    parsed = await simpleParser(raw, PARSE_OPTIONS);
    body = bodyText(parsed, rawText);
  } catch (err) {
    return { ok: false, reason: `cannot be parsed: ${(err as Error).message}` };
  }
  const headers = rawHeaderBlock(raw);
  // A field name is printable ASCII without a colon (RFC 5322 §2.2).
  if (parsed.headerLines.length === 0 || !/^[!-9;-~]+:/m.test(headers))
    return { ok: false, reason: 'no header block: not an e-mail message' };
  const repaired = await repairMultipart(raw, parsed, body).catch(() => null);
  if (body === '' && repaired === null) return { ok: false, reason: emptyReason(parsed, rawText) };
  const date = parseMailDate(firstHeader(parsed, 'date'));
  return {
    ok: true,
    message: {
      date: date === null ? null : date.toISOString(),
      date_plausible: isPlausibleDate(date),
      from_domain: fromDomain(parsed),
      subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
      body: repaired?.body ?? body,
      is_html: typeof (repaired?.parsed ?? parsed).html === 'string',
      headers,
    },
  };
}
