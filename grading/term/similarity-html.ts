/**
 * The similarity report as one self-contained HTML page: each flagged pair with its score and
 * the matching fragments side by side. Everything from a submission is escaped (it is hostile
 * input), and the page carries a CSP that forbids scripts and remote loads.
 */
import type { SimilarityReport, Side } from './similarity';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;

function sideHtml(s: Side): string {
  return `<td><div class="where">${escapeHtml(s.file)}:${s.from_line}–${s.to_line}</div><pre>${escapeHtml(s.text)}</pre></td>`;
}

function pairHtml(p: SimilarityReport['flagged'][number], i: number): string {
  const rows = p.fragments.map((f) => `<tr>${sideHtml(f.left)}${sideHtml(f.right)}</tr>`).join('\n');
  return [
    `<section id="pair-${i + 1}"><h2>${escapeHtml(p.left)} ↔ ${escapeHtml(p.right)}: ${pct(p.similarity)}</h2>`,
    `<p>longest shared run: ${p.longest} k-grams; ${p.fragments.length} fragment(s) shown</p>`,
    `<table><tr><th>${escapeHtml(p.left)}</th><th>${escapeHtml(p.right)}</th></tr>\n${rows}</table></section>`,
  ].join('\n');
}

export function similarityHtml(r: SimilarityReport): string {
  const list = r.flagged
    .map((p, i) => `<li><a href="#pair-${i + 1}">${escapeHtml(p.left)} ↔ ${escapeHtml(p.right)}</a> ${pct(p.similarity)}</li>`)
    .join('\n');
  const top = r.top
    .map((p) => `<tr><td>${escapeHtml(p.left)}</td><td>${escapeHtml(p.right)}</td><td>${pct(p.similarity)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(r.lab)}: similarity</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;vertical-align:top;padding:4px;width:50%}pre{margin:0;white-space:pre-wrap}.where{color:#555;font-size:90%}</style>
</head><body>
<h1>${escapeHtml(r.lab)}: suspiciously similar submissions</h1>
<p>Evidence for a person to read, not a verdict and never a score change. ${r.submissions} submissions compared; code of the starter is ignored;
pairs at or above ${pct(r.options.threshold)} similarity are flagged (k-grams of ${r.options.kgramLength} syntax tokens, window ${r.options.window}).</p>
<h2>${r.flagged.length} flagged pair(s)</h2><ul>${list}</ul>
${r.flagged.map(pairHtml).join('\n')}
<h2>Highest pairs</h2><table><tr><th>left</th><th>right</th><th>similarity</th></tr>${top}</table>
${r.left_out.length ? `<h2>Not compared</h2><ul>${r.left_out.map((l) => `<li>${escapeHtml(l.id)}: ${escapeHtml(l.reason)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
