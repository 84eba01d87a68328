/**
 * The site's landing page: the lessons in course order, then the labs' briefs. A plain,
 * self-contained page (no script, no outside file) so it opens anywhere.
 */
import { escapeHtml } from './site-page';

export interface IndexEntry {
  title: string;
  /** The page, relative to the index; absent when the page could not be built. */
  href?: string;
  /** Why there is no page, in a line a reader understands. */
  problem?: string;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:1.6em}ul{padding-left:1.4em}li{margin:.3em 0}
.problem{color:#a00}`;

function entryItem(entry: IndexEntry): string {
  if (entry.href) return `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a></li>`;
  return `<li>${escapeHtml(entry.title)} <span class="problem">(not built: ${escapeHtml(entry.problem ?? 'unknown reason')})</span></li>`;
}

/** The index page's HTML. */
export function indexHtml(courseTitle: string, lessons: IndexEntry[], labs: IndexEntry[]): string {
  // Lesson titles carry their number ("00 · …"), so a plain list keeps the course's numbering.
  const list = (entries: IndexEntry[]): string =>
    entries.length ? `<ul>\n${entries.map(entryItem).join('\n')}\n</ul>` : '<p>None in this build.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(courseTitle)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(courseTitle)}</h1>
<p>The course's lessons as they run: every cell with its output and every chart, executed from the
solution notebooks. Charts are interactive (hover, zoom). To run and change the code yourself,
open the lessons in Jupyter with <code>npm start</code>.</p>
<h2>Lessons</h2>
${list(lessons)}
<h2>Labs</h2>
<p>Each lab turns the lessons' work into part of a real service. Its brief says what to build and
how it is checked; the starter files are in the repository's <code>labs/</code> folder.</p>
${list(labs)}
</body>
</html>
`;
}
