import assert from 'node:assert/strict';
import { indexHtml } from './site-index';

describe('indexHtml', () => {
  const html = indexHtml(
    'A <course>',
    [
      { title: '00 · First', href: '00-first.html' },
      { title: '01 · Second & more', problem: 'cell 3 of 9 (under "Setup") failed' },
      { title: '02 · Third', href: '02-third.html' },
    ],
    [],
  );
  const lessons = html.slice(html.indexOf('<h2>Lessons</h2>'), html.indexOf('<h2>Labs</h2>'));

  it('lists the lessons in the order given, linking those that were built', () => {
    assert.deepEqual(
      [...lessons.matchAll(/<li>(.*)<\/li>/g)].map((m) => m[1]),
      [
        '<a href="00-first.html">00 · First</a>',
        '01 · Second &amp; more <span class="problem">(not built: cell 3 of 9 (under &quot;Setup&quot;) failed)</span>',
        '<a href="02-third.html">02 · Third</a>',
      ],
    );
  });

  it('escapes the title and says so when a list is empty', () => {
    assert.match(html, /<title>A &lt;course&gt;<\/title>/);
    assert.match(html.slice(html.indexOf('<h2>Labs</h2>')), /<p>None in this build\.<\/p>/);
  });

  it('needs nothing from outside the page', () => {
    assert.doesNotMatch(html, /<script|<link|src=/);
  });
});
