/**
 * Plotly figures as plain data. Only the fields our builders use are typed; anything else
 * plotly.js accepts can still be added (see https://plotly.com/javascript/reference/).
 */

export type Datum = number | string;

export interface PlotlyTrace {
  type: 'scatter' | 'bar' | 'heatmap' | 'histogram';
  name?: string;
  x?: Datum[];
  y?: Datum[];
  z?: number[][];
  mode?: 'lines' | 'markers' | 'lines+markers';
  text?: string | string[];
  [option: string]: unknown;
}

export interface PlotlyAxis {
  title?: { text: string };
  range?: [number, number];
  [option: string]: unknown;
}

export interface PlotlyLayout {
  title?: { text: string };
  xaxis?: PlotlyAxis;
  yaxis?: PlotlyAxis;
  width?: number;
  height?: number;
  [option: string]: unknown;
}

/** What every builder returns and `show` / `toHtmlPage` draw. */
export interface Figure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
}

/** Options most builders share. */
export interface FigureOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Pixels; default 420. */
  height?: number;
  /** Pixels; default: the width of the output area. */
  width?: number;
  /** Visible x range [from, to]; default: fit the data (or the builder's own range). */
  xRange?: [number, number];
  /** Visible y range [from, to], e.g. [0.8, 1] to zoom in on scores. */
  yRange?: [number, number];
}

/** A base layout with our defaults, overridden by `opts`. */
export function baseLayout(opts: FigureOptions, defaults: FigureOptions = {}): PlotlyLayout {
  const o = { ...defaults, ...opts };
  const layout: PlotlyLayout = { height: o.height ?? 420, margin: { l: 60, r: 20, t: o.title ? 50 : 20, b: 50 } };
  if (o.width !== undefined) layout.width = o.width;
  if (o.title) layout.title = { text: o.title };
  layout.xaxis = o.xTitle ? { title: { text: o.xTitle } } : {};
  layout.yaxis = o.yTitle ? { title: { text: o.yTitle } } : {};
  if (o.xRange) layout.xaxis.range = [...o.xRange];
  if (o.yRange) layout.yaxis.range = [...o.yRange];
  return layout;
}

/** Throws unless `values` is an array of finite numbers; `what` names it in the message. */
export function assertNumbers(values: readonly unknown[], what: string): asserts values is number[] {
  if (!Array.isArray(values)) throw new TypeError(`${what} must be an array of numbers`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${what}[${bad}] is ${String(values[bad])}: expected a finite number`);
}

/** Throws unless two arrays have the same length. */
export function assertSameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}
