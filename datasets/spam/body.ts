import type { ParsedMail } from 'mailparser';
import { htmlToPlainText } from './html';

// Many spammers (and a few newsletters) send an HTML document labelled text/plain. A body that
// starts like an HTML document is converted; one that merely quotes some HTML is left alone.
const HTML_DOCUMENT = /^\s*<(?:!--|!doctype\b|x-html\b|(?:html|head|body|meta|style|title|table|div|font|center|p)\b)/i;

function cleanText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return HTML_DOCUMENT.test(clean) ? htmlToPlainText(clean) : clean;
}

// Below this share of the HTML's length, a plain-text alternative is a stub ("your mail program
// does not show HTML") rather than the message, and the HTML is used instead.
const STUB_RATIO = 1 / 3;

/**
 * Chooses the body text. Plain-text parts are what the sender wrote, so they win when the HTML is
 * only an alternative rendering of them (unless they are a stub). When HTML parts sit beside the
 * plain ones (multipart/mixed, not alternatives), both are kept: the plain parts, then the HTML.
 */
export function bodyText(parsed: ParsedMail, raw: string): string {
  const plain = cleanText(parsed.text ?? '');
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  if (html === '') return plain === '' ? textAttachments(parsed) : plain;
  const converted = htmlToPlainText(html);
  const alternative = /^content-type:\s*multipart\/alternative/im.test(raw);
  if (!alternative) return [plain, converted].filter((t) => t !== '').join('\n\n');
  return plain.length >= STUB_RATIO * converted.length ? plain : converted;
}

/**
 * A Content-Type mailparser cannot read ("TEXT/PLAIN charset=US-ASCII", no semicolon) turns the
 * body into an attachment; its text is still the message.
 */
function textAttachments(parsed: ParsedMail): string {
  const parts = parsed.attachments.filter((a) => /^text\/(plain|html)\b/i.test(a.contentType));
  const texts = parts.map((a) => {
    const text = new TextDecoder('utf-8').decode(a.content);
    return /^text\/html/i.test(a.contentType) ? htmlToPlainText(text) : cleanText(text);
  });
  return texts.join('\n\n').trim();
}

export function emptyReason(parsed: ParsedMail, raw: string): string {
  const type = parsed.headers.get('content-type');
  const params = typeof type === 'object' && type !== null && 'params' in type ? (type.params as Record<string, string | undefined>) : {};
  const boundary = params['boundary'];
  if (boundary !== undefined && !raw.includes(`--${boundary}`))
    return `malformed MIME: the multipart boundary "${boundary}" never appears in the body`;
  const htmlAsPlain = HTML_DOCUMENT.test((parsed.text ?? '').trim());
  if (typeof parsed.html === 'string' || htmlAsPlain) return 'no text body: the HTML holds only images, links or scripts';
  const types = [...new Set(parsed.attachments.map((a) => a.contentType))].sort().join(', ');
  return `no text body: no readable text part (attachments: ${types || 'none'})`;
}
