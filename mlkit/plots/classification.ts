/** Figures for classifier evaluation: confusion matrix, ROC curves, precision–recall curves. */
import { assertNumbers, assertSameLength, baseLayout, type Figure, type FigureOptions, type PlotlyTrace } from './types';

/**
 * Confusion matrix as an annotated heatmap.
 * @param cm counts [actual][predicted], square, one row per label
 * @param labels class names in the order of the rows and columns
 */
export function confusionMatrixFigure(cm: number[][], labels: string[], opts: FigureOptions = {}): Figure {
  if (!Array.isArray(cm) || cm.length === 0) throw new RangeError('confusion matrix is empty');
  if (cm.length !== labels.length) throw new RangeError(`confusion matrix has ${cm.length} rows but ${labels.length} labels`);
  cm.forEach((row, i) => {
    assertNumbers(row, `cm[${i}]`);
    if (row.length !== labels.length) throw new RangeError(`cm[${i}] has ${row.length} columns, expected ${labels.length}`);
  });
  const layout = baseLayout(opts, { xTitle: 'predicted', yTitle: 'actual', height: 360 });
  // First label at the top, as confusion matrices are printed.
  layout.yaxis = { ...layout.yaxis, autorange: 'reversed', type: 'category' };
  layout.xaxis = { ...layout.xaxis, type: 'category', side: 'bottom' };
  return {
    data: [
      {
        type: 'heatmap',
        x: labels,
        y: labels,
        z: cm.map((row) => [...row]),
        // Plotly's 'Blues' runs dark → light; reversed, the big counts (the diagonal, ideally) are dark.
        colorscale: 'Blues',
        reversescale: true,
        texttemplate: '%{z}',
        hovertemplate: 'actual %{y}<br>predicted %{x}<br>%{z}<extra></extra>',
      },
    ],
    layout,
  };
}

/** One ROC curve: false and true positive rates at each threshold, in [0, 1]. */
export interface RocCurve {
  name: string;
  fpr: number[];
  tpr: number[];
  auc?: number;
}

/** ROC curves with the chance diagonal; legend entries show the AUC when given. */
export function rocFigure(curves: RocCurve[], opts: FigureOptions = {}): Figure {
  if (curves.length === 0) throw new RangeError('rocFigure needs at least one curve');
  const data: PlotlyTrace[] = curves.map((c) => {
    assertNumbers(c.fpr, `${c.name} fpr`);
    assertNumbers(c.tpr, `${c.name} tpr`);
    assertSameLength(c.fpr, c.tpr, `${c.name} fpr/tpr`);
    const name = c.auc === undefined ? c.name : `${c.name} (AUC ${c.auc.toFixed(3)})`;
    return { type: 'scatter', mode: 'lines', name, x: c.fpr, y: c.tpr };
  });
  data.push({ type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { dash: 'dash', color: 'gray' } });
  return {
    data,
    layout: baseLayout(opts, { xTitle: 'false positive rate', yTitle: 'true positive rate', xRange: [0, 1], yRange: [0, 1.02] }),
  };
}

/** One precision–recall curve, in [0, 1]; `ap` is the average precision. */
export interface PrCurve {
  name: string;
  recall: number[];
  precision: number[];
  ap?: number;
}

/**
 * Precision–recall curves.
 * @param opts.baseline share of positives: the precision of a random classifier, drawn dashed
 */
export function prFigure(curves: PrCurve[], opts: FigureOptions & { baseline?: number } = {}): Figure {
  if (curves.length === 0) throw new RangeError('prFigure needs at least one curve');
  const data: PlotlyTrace[] = curves.map((c) => {
    assertNumbers(c.recall, `${c.name} recall`);
    assertNumbers(c.precision, `${c.name} precision`);
    assertSameLength(c.recall, c.precision, `${c.name} recall/precision`);
    const name = c.ap === undefined ? c.name : `${c.name} (AP ${c.ap.toFixed(3)})`;
    return { type: 'scatter', mode: 'lines', name, x: c.recall, y: c.precision, line: { shape: 'hv' } };
  });
  if (opts.baseline !== undefined) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'chance',
      x: [0, 1],
      y: [opts.baseline, opts.baseline],
      line: { dash: 'dash', color: 'gray' },
    });
  }
  return { data, layout: baseLayout(opts, { xTitle: 'recall', yTitle: 'precision', xRange: [0, 1], yRange: [0, 1.02] }) };
}
