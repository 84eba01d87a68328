/**
 * Plotly figures for the notebooks: builders return plain `{ data, layout }` objects, `show`
 * draws them in the notebook (offline), `toHtmlPage` writes them to a standalone page.
 */
export type { Figure, FigureOptions, PlotlyTrace, PlotlyLayout, PlotlyAxis, Datum } from './types';
export { confusionMatrixFigure, rocFigure, prFigure, type RocCurve, type PrCurve } from './classification';
export { lineFigure, learningCurveFigure, barFigure, scatterFigure, histogramFigure, type Series, type PointGroup } from './charts';
export { show, describeFigure, embedPlotly } from './show';
export { toHtmlPage, figureHtml, plotlyScriptTag } from './html';
