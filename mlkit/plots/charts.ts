/** General figures: lines, learning curves, bars, scatter plots and overlaid histograms. */
import { assertNumbers, assertSameLength, baseLayout, type Datum, type Figure, type FigureOptions, type PlotlyTrace } from './types';

/** A named series of y values. */
export interface Series {
  name: string;
  values: number[];
}

/**
 * One line per series over shared x values.
 * @param x positions (numbers or category names), one per value of each series
 */
export function lineFigure(x: Datum[], series: Series[], opts: FigureOptions & { markers?: boolean } = {}): Figure {
  if (series.length === 0) throw new RangeError('lineFigure needs at least one series');
  const data: PlotlyTrace[] = series.map((s) => {
    assertNumbers(s.values, s.name);
    assertSameLength(x, s.values, `x and ${s.name}`);
    return { type: 'scatter', mode: opts.markers ? 'lines+markers' : 'lines', name: s.name, x, y: s.values };
  });
  return { data, layout: baseLayout(opts) };
}

/**
 * Learning curve: training and validation score against training-set size.
 * @param sizes training-set sizes (rows)
 * @param train score on the training rows, one per size
 * @param validation score on held-out rows, one per size
 */
export function learningCurveFigure(
  sizes: number[],
  train: number[],
  validation: number[],
  opts: FigureOptions & { metric?: string } = {},
): Figure {
  assertNumbers(sizes, 'sizes');
  const metric = opts.metric ?? 'score';
  return lineFigure(
    sizes,
    [
      { name: `training ${metric}`, values: train },
      { name: `validation ${metric}`, values: validation },
    ],
    {
      xTitle: 'training examples',
      yTitle: metric,
      markers: true,
      ...opts,
    },
  );
}

/**
 * Bars per category; several series are grouped side by side.
 * @param categories one name per bar position
 */
export function barFigure(categories: string[], series: Series[], opts: FigureOptions & { horizontal?: boolean } = {}): Figure {
  if (series.length === 0) throw new RangeError('barFigure needs at least one series');
  const data: PlotlyTrace[] = series.map((s) => {
    assertNumbers(s.values, s.name);
    assertSameLength(categories, s.values, `categories and ${s.name}`);
    return opts.horizontal
      ? { type: 'bar', orientation: 'h', name: s.name, x: s.values, y: categories }
      : { type: 'bar', name: s.name, x: categories, y: s.values };
  });
  const layout = baseLayout(opts);
  layout.barmode = 'group';
  layout.showlegend = series.length > 1;
  return { data, layout };
}

/** A named group of points, e.g. one penguin species. `text` labels each point on hover. */
export interface PointGroup {
  name: string;
  x: number[];
  y: number[];
  text?: string[];
}

/** Scatter plot, one colour per group. */
export function scatterFigure(groups: PointGroup[], opts: FigureOptions = {}): Figure {
  if (groups.length === 0) throw new RangeError('scatterFigure needs at least one group');
  const data: PlotlyTrace[] = groups.map((g) => {
    assertNumbers(g.x, `${g.name} x`);
    assertNumbers(g.y, `${g.name} y`);
    assertSameLength(g.x, g.y, `${g.name} x/y`);
    const trace: PlotlyTrace = { type: 'scatter', mode: 'markers', name: g.name, x: g.x, y: g.y, marker: { size: 7, opacity: 0.8 } };
    if (g.text) trace.text = g.text;
    return trace;
  });
  return { data, layout: baseLayout(opts) };
}

/**
 * Overlaid histograms on shared bins, e.g. reference vs current values of a drift feature.
 * @param opts.bins number of bins across all series (default 30)
 * @param opts.normalize 'probability' (default: bars are shares, so samples of different
 *   sizes compare) or 'count'
 */
export function histogramFigure(
  series: Series[],
  opts: FigureOptions & { bins?: number; normalize?: 'probability' | 'count' } = {},
): Figure {
  if (series.length === 0) throw new RangeError('histogramFigure needs at least one series');
  series.forEach((s) => {
    assertNumbers(s.values, s.name);
    if (s.values.length === 0) throw new RangeError(`${s.name} has no values`);
  });
  const bins = opts.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const v of s.values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  // Shared bins, so bars of different series line up; `end` a hair past the max keeps it inside.
  const size = (hi - lo) / bins;
  const histnorm = opts.normalize === 'count' ? '' : 'probability';
  const data: PlotlyTrace[] = series.map((s) => ({
    type: 'histogram',
    name: s.name,
    x: s.values,
    opacity: 0.6,
    histnorm,
    xbins: { start: lo, end: hi + size * 1e-9, size },
  }));
  const layout = baseLayout(opts, { yTitle: histnorm ? 'share of rows' : 'rows' });
  layout.barmode = 'overlay';
  return { data, layout };
}
