/**
 * `show(figure)`: draws a figure in a tslab notebook, or prints a one-line summary anywhere else
 * (plain node, tests, scripts), so notebook code also runs outside Jupyter.
 */
import { dirname, join } from 'node:path';
import { figureHtml, plotlyScriptTag } from './html';
import type { Figure } from './types';

interface TslabDisplay {
  html(s: string): void;
}

let plotCount = 0;
let bundleShown = false;

/**
 * tslab's display API, but only inside a running tslab kernel. The kernel has loaded
 * tslab/dist/jupyter.js; its sibling public.js is the display API bound to that same kernel
 * (another copy of tslab elsewhere on disk would not be connected to it).
 */
function kernelDisplay(): TslabDisplay | undefined {
  const jupyter = Object.keys(require.cache).find((p) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(p));
  if (!jupyter) return undefined;
  try {
    const api = require(join(dirname(jupyter), 'public.js')) as { display?: TslabDisplay };
    return api.display;
  } catch {
    return undefined;
  }
}

/**
 * Embeds plotly.js again in the next `show` output. Needed only when the page lost it while
 * the kernel kept running (outputs cleared, or the page reloaded without saved outputs).
 * @returns true in a tslab kernel, false elsewhere
 */
export function embedPlotly(): boolean {
  const display = kernelDisplay();
  if (!display) return false;
  display.html(plotlyScriptTag());
  bundleShown = true;
  return true;
}

/** One line describing a figure: its title and traces. */
export function describeFigure(figure: Figure): string {
  const title = figure.layout.title?.text ?? 'untitled figure';
  const traces = figure.data.map((t) => (t.name ? `${t.type} "${t.name}"` : t.type));
  return `${title}: ${traces.length} trace${traces.length === 1 ? '' : 's'} (${traces.join(', ')})`;
}

/**
 * Displays a figure. In a tslab kernel the first call embeds plotly.js (≈ 5 MB, once per kernel
 * session) and every call adds a div "mlkit-plot-N" (N counts plots in this session, so a fresh
 * run of a notebook gives the same ids). Elsewhere it prints `describeFigure(figure)`.
 */
export function show(figure: Figure): void {
  if (!figure || !Array.isArray(figure.data) || typeof figure.layout !== 'object') {
    throw new TypeError('show needs a figure: { data: PlotlyTrace[], layout }');
  }
  plotCount += 1;
  const display = kernelDisplay();
  if (!display) {
    console.log(`[plot ${plotCount}] ${describeFigure(figure)}`);
    return;
  }
  const html = (bundleShown ? '' : plotlyScriptTag()) + figureHtml(figure, `mlkit-plot-${plotCount}`);
  display.html(html);
  bundleShown = true;
}
