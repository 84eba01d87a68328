/**
 * HTML for figures: a div plus a small script per figure, the plotly.js bundle inlined once, and
 * whole pages. Everything works offline: no CDN.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './types';

let bundle: string | undefined;

/** The plotly.js bundle from node_modules, made safe to inline in a <script> element. */
export function plotlyBundle(): string {
  if (bundle === undefined) {
    const source = readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
    // "</script" or "<!--" inside the bundle would end or confuse the HTML script element; both
    // only occur inside string literals, where the escaped forms mean the same.
    bundle = source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  }
  return bundle;
}

/**
 * A <script> that defines window.Plotly unless the page already has it, then tells plots that
 * gave up waiting (event "mlkit-plotly-ready"). `module`, `exports` and
 * `define` are shadowed so the bundle never registers itself with a module loader on the page
 * (Jupyter pages load RequireJS) instead of setting window.Plotly.
 */
export function plotlyScriptTag(): string {
  return `<script type="text/javascript">(function (module, exports, define) {
if (window.Plotly) return;
${plotlyBundle()}
window.dispatchEvent(new Event('mlkit-plotly-ready'));
})();</script>`;
}

/** JSON that can sit inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A div and a script that draws `figure` into it. The script waits (up to 10 s) for Plotly to be
 * defined, because the bundle may be in an earlier output that the browser is still running.
 * @param id the div's id; must be unique in the page
 */
export function figureHtml(figure: Figure, id: string): string {
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;
  return `<div id="${id}" class="mlkit-plot" style="width:100%;height:${height}px"></div>
<script type="text/javascript">
(function () {
  var id = ${scriptJson(id)};
  var figure = ${scriptJson(figure)};
  var script = document.currentScript;
  var tries = 0;
  function target() {
    var previous = script && script.previousElementSibling;
    if (previous && previous.id === id && !previous.hasAttribute('data-drawn')) return previous;
    var all = document.querySelectorAll('[id="' + id + '"]');
    for (var i = 0; i < all.length; i++) if (!all[i].hasAttribute('data-drawn')) return all[i];
    return null;
  }
  function draw() {
    var el = target();
    if (!window.Plotly || !el) return false;
    el.textContent = '';
    el.setAttribute('data-drawn', '1');
    window.Plotly.newPlot(el, figure.data, figure.layout, { responsive: true, displaylogo: false });
    return true;
  }
  (function poll() {
    if (draw()) return;
    if (++tries < 200) { setTimeout(poll, 50); return; }
    var el = target();
    if (el) el.textContent = 'plotly.js is not loaded in this page (the output that embedded it was cleared or never ran): run embedPlotly() from mlkit/plots, or restart the kernel and run all cells.';
    window.addEventListener('mlkit-plotly-ready', draw, { once: true });
  })();
})();
</script>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A standalone HTML page (plotly.js inlined, no network needed) with the figures one below the
 * other. Div ids are "plot-1", "plot-2", ... in order.
 */
export function toHtmlPage(figures: Figure[], opts: { title?: string } = {}): string {
  if (!Array.isArray(figures) || figures.length === 0) throw new RangeError('toHtmlPage needs at least one figure');
  const title = escapeHtml(opts.title ?? 'Figures');
  const body = figures.map((f, i) => figureHtml(f, `plot-${i + 1}`)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
${plotlyScriptTag()}
</head>
<body style="font-family: sans-serif; max-width: 960px; margin: 1em auto">
<h1>${title}</h1>
${body}
</body>
</html>
`;
}
