/**
 * Turns a lesson rendered by nbconvert into a page of the static course site: plotly.js loaded
 * once from the site's own assets, nothing fetched from outside the site, a title and a way
 * back to the index.
 */
import { plotlyScriptTag } from '../mlkit/plots/html';
import type { Notebook } from './notebook-source';

/** Where the site keeps plotly.js, relative to its root. */
export const PLOTLY_ASSET = 'assets/plotly.js';

const SCRIPT_OPEN = '<script type="text/javascript">';
const SCRIPT_CLOSE = '</script>';

/**
 * The script `show()` inlines into a notebook's first chart, as a file of its own. Taken from
 * `plotlyScriptTag()` itself, so page and notebook load plotly.js the same way (not through a
 * module loader, and only once).
 */
export function plotlyAssetSource(): string {
  const tag = plotlyScriptTag();
  if (!tag.startsWith(SCRIPT_OPEN) || !tag.endsWith(SCRIPT_CLOSE)) {
    throw new Error('plotlyScriptTag() no longer returns one inline <script>: update site-page.ts');
  }
  return tag.slice(SCRIPT_OPEN.length, -SCRIPT_CLOSE.length);
}

function outputHtml(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join('') : undefined;
}

/**
 * The notebook with each inlined plotly.js bundle (≈ 5 MB per lesson) replaced by a
 * `<script src>` of the shared asset, so a reader's browser downloads it once for the course.
 * @param assetHref the asset's address relative to the page
 * @returns the new notebook (the input is left unchanged) and how many bundles were replaced
 */
export function linkPlotly(notebook: Notebook, assetHref: string): { notebook: Notebook; replaced: number } {
  const inline = plotlyScriptTag();
  const linked = `<script type="text/javascript" src="${assetHref}"></script>`;
  let replaced = 0;
  const cells = notebook.cells.map((cell) => {
    if (!cell.outputs) return cell;
    const outputs = (cell.outputs as Array<{ data?: Record<string, unknown> }>).map((output) => {
      const html = outputHtml(output.data?.['text/html']);
      if (html === undefined || !html.includes(inline)) return output;
      replaced += html.split(inline).length - 1;
      return { ...output, data: { ...output.data, 'text/html': html.split(inline).join(linked) } };
    });
    return { ...cell, outputs };
  });
  return { notebook: { ...notebook, cells }, replaced };
}

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An address outside the site: another host, or a file of the machine that built it. */
const OUTSIDE = '(?:[a-z][a-z0-9+.-]*:|//)';
// nbconvert's templates load require.js and MathJax from a CDN or from the building machine's
// /usr/share (Debian); the lessons need neither (no widgets, no TeX), and a reader has neither.
const OUTSIDE_SCRIPT = new RegExp(String.raw`<script\b[^>]*\bsrc=["']${OUTSIDE}[^"']*["'][^>]*>\s*</script>`, 'gi');
const OUTSIDE_STYLESHEET = new RegExp(String.raw`<link\b[^>]*\bhref=["']${OUTSIDE}[^"']*["'][^>]*>`, 'gi');

export interface NavLink {
  href: string;
  label: string;
}

export interface PageFrame {
  /** The page's title, as the browser tab and the index show it. */
  title: string;
  /** Links shown in a bar above the content, in order (index, previous, next). */
  nav: NavLink[];
}

const NAV_STYLE =
  'display:flex;gap:1.5em;flex-wrap:wrap;padding:.6em 1em;border-bottom:1px solid #ddd;' +
  'font:14px system-ui,sans-serif;background:#fafafa';

/** A nbconvert page made to stand alone in the site (see the module comment). */
export function framePage(html: string, frame: PageFrame): string {
  const links = frame.nav.map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join('');
  const nav = `<nav class="site-nav" style="${NAV_STYLE}">${links}</nav>`;
  return html
    .replace(OUTSIDE_SCRIPT, '')
    .replace(OUTSIDE_STYLESHEET, '')
    .replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(frame.title)}</title>`)
    .replace(/<body\b[^>]*>/i, (body) => `${body}\n${nav}`);
}
