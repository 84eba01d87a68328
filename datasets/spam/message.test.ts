import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMessage } from './message';
import { parseMessage, rawHeaderBlock } from './message';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(__dirname, 'fixtures', name));

async function parsed(name: string): Promise<ParsedMessage> {
  const outcome = await parseMessage(fixture(name));
  if (!outcome.ok) throw new Error(`${name} was reported malformed: ${outcome.reason}`);
  return outcome.message;
}

describe('parseMessage', () => {
  describe('with multipart/alternative', () => {
    it('uses the plain-text part and records that an HTML part existed', async () => {
      const m = await parsed('multipart-alternative.eml');
      assert.equal(m.body, 'Shall we meet for lunch on Friday at noon?\nAlice');
      assert.equal(m.is_html, true);
      assert.equal(m.subject, 'Lunch on Friday?');
      assert.equal(m.from_domain, 'example.org');
      assert.equal(m.date, '2002-08-22T12:17:21.000Z');
      assert.equal(m.date_plausible, true);
    });

    it('uses the HTML when the plain part is only a stub', async () => {
      const m = await parsed('plain-stub-alternative.eml');
      assert.match(m.body, /^Hi all, the next meeting of the reading group/);
      assert.doesNotMatch(m.body, /cannot show/);
    });
  });

  it('keeps both the plain and the HTML part of a multipart/mixed message', async () => {
    const m = await parsed('multipart-mixed.eml');
    assert.equal(m.body, 'Notes from the meeting are below; the flyer follows.\n\nOpen day\n\nSaturday, 10am to 4pm.');
    assert.equal(m.date, '2002-09-10T08:30:00.000Z');
  });

  it('decodes a base64 body and an encoded-word subject', async () => {
    const m = await parsed('base64.eml');
    assert.equal(m.body, 'Your account statement is ready.\nTotal due: 42 dollars.');
    assert.equal(m.subject, 'Statement — August');
    assert.equal(m.is_html, false);
  });

  it('decodes quoted-printable, soft line breaks and a Latin-1 charset', async () => {
    const m = await parsed('quoted-printable.eml');
    assert.equal(m.subject, 'Café meeting');
    assert.match(m.body, /^The café meeting moves to room 12\. .* the sender's mailer wrapped it/);
    assert.match(m.body, /Price: 5 = five euros\./);
  });

  it('decodes a non-UTF-8 charset (KOI8-R) in body and subject', async () => {
    const m = await parsed('charset-koi8r.eml');
    assert.equal(m.subject, 'Тест');
    assert.equal(m.body, 'Привет, это письмо в кодировке KOI8-R.');
    assert.equal(m.date, null, 'the fixture has no Date header');
    assert.equal(m.date_plausible, false);
  });

  describe('with an HTML-only message', () => {
    it('drops tags, scripts and styles and decodes entities', async () => {
      const m = await parsed('html-only.eml');
      assert.equal(m.is_html, true);
      assert.doesNotMatch(m.body, /[<>]|&amp;|&nbsp;|&#|var x|color: red/);
      assert.match(m.body, /Fish&chips/);
      assert.match(m.body, /Save 70% — click here \[http:\/\/promo\.example\.biz\/go\]/);
    });

    it('keeps words in neighbouring cells and blocks apart', async () => {
      const words = (await parsed('html-only.eml')).body.split(/\s+/);
      for (const w of ['FREE', 'MONEY', 'Act', 'now', 'only', 'today', 'Line', 'break']) assert.ok(words.includes(w), `missing token ${w}`);
    });

    it('flags the year-102 date as implausible', async () => {
      const m = await parsed('html-only.eml');
      assert.equal(m.date?.slice(0, 4), '0102');
      assert.equal(m.date_plausible, false);
    });
  });

  it('converts an HTML document sent as text/plain', async () => {
    const m = await parsed('html-labelled-plain.eml');
    assert.equal(m.body, 'Lowest mortgage rates\n\nApply today');
    assert.equal(m.is_html, false, 'no part was declared HTML');
  });

  it('reads the parts of a multipart body whose multipart header was lost', async () => {
    const m = await parsed('lost-multipart-header.eml');
    assert.equal(m.body, 'Your place to exchange ideas and share your skills.');
    assert.equal(m.is_html, true);
    assert.equal(m.date, '2001-06-25T14:00:00.000Z');
  });

  describe('with a broken message', () => {
    it('reports a multipart boundary that never appears, without throwing', async () => {
      const outcome = await parseMessage(fixture('broken-boundary.eml'));
      assert.equal(outcome.ok, false);
      assert.match(outcome.ok ? '' : outcome.reason, /boundary "=Multipart Boundary 0731021742" never appears/);
    });

    it('reports an empty file and a file without headers', async () => {
      for (const name of ['empty.eml', 'no-headers.eml']) {
        const outcome = await parseMessage(fixture(name));
        assert.equal(outcome.ok, false, name);
        assert.match(outcome.ok ? '' : outcome.reason, /no header block|no text body/, name);
      }
    });
  });
});

describe('rawHeaderBlock', () => {
  it('returns the unfolded headers before the first blank line', () => {
    const raw = Buffer.from('Received: from a\r\n\tby b\r\nSubject: hi\r\n\r\nbody: not a header\r\n');
    assert.equal(rawHeaderBlock(raw), 'Received: from a by b\nSubject: hi');
  });
});
