import { htmlToText } from 'html-to-text';

// Headings and table headers stay in their case (the library upper-cases them by default, which
// would change tokens); no line wrapping, so the text is what the sender wrote; link targets are
// kept after the link text because URLs are part of what a spam filter should see.
const OPTIONS = {
  wordwrap: false as const,
  preserveNewlines: false,
  limits: { maxDepth: 500 },
  selectors: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => ({ selector: h, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'inline', options: {} },
    { selector: 'th', format: 'inline', options: {} },
    // Broken markup can leave tags inside an href; a real URL never holds spaces or angle brackets.
    {
      selector: 'a',
      options: { hideLinkHrefIfSameAsText: true, noAnchorUrl: true, pathRewrite: (href: string) => (/^[^\s<>"]+$/.test(href) ? href : '') },
    },
    { selector: 'img', format: 'skip' },
  ],
};

/**
 * Converts an HTML body to readable plain text: no tags, entities decoded, block elements and
 * table cells separated so that words in neighbouring cells are never glued together.
 *
 * @param html an HTML document or fragment.
 * @returns the text, with runs of blank lines collapsed and no trailing spaces.
 */
export function htmlToPlainText(html: string): string {
  // Cells are inline (a table of words should read as a line), so each gets a space after it.
  const spaced = html.replace(/<\/t[dh]\s*>/gi, (m) => `${m} `);
  const text = htmlToText(spaced, OPTIONS);
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
