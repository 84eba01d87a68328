import assert from 'node:assert/strict';
import { barFigure, histogramFigure, learningCurveFigure, lineFigure, scatterFigure } from './charts';

describe('plots/charts', () => {
  it('histogramFigure overlays series on shared bins, as shares by default', () => {
    const f = histogramFigure(
      [
        { name: 'reference', values: [0, 1, 2] },
        { name: 'current', values: [5, 10] },
      ],
      { bins: 5 },
    );
    assert.equal(f.layout.barmode, 'overlay');
    assert.deepEqual(
      f.data.map((t) => t.name),
      ['reference', 'current'],
    );
    assert.deepEqual(f.data[0].xbins, f.data[1].xbins);
    const bins = f.data[0].xbins as { start: number; end: number; size: number };
    assert.equal(bins.start, 0);
    assert.equal(bins.size, 2);
    assert.ok(bins.end > 10 && bins.end < 10.001, 'the maximum falls inside the last bin');
    assert.equal(f.data[0].histnorm, 'probability');
    assert.equal(histogramFigure([{ name: 'a', values: [1] }], { normalize: 'count' }).data[0].histnorm, '');
  });

  it('histogramFigure rejects empty series, NaN and bad bin counts', () => {
    assert.throws(() => histogramFigure([{ name: 'a', values: [] }]), /a has no values/);
    assert.throws(() => histogramFigure([{ name: 'a', values: [1, NaN] }]), /a\[1\] is NaN/);
    assert.throws(() => histogramFigure([{ name: 'a', values: [1] }], { bins: 0 }), /bins must be a positive integer/);
  });

  it('learningCurveFigure draws training and validation lines with markers', () => {
    const f = learningCurveFigure([100, 200], [0.99, 0.98], [0.8, 0.9], { metric: 'F1' });
    assert.deepEqual(
      f.data.map((t) => [t.name, t.mode]),
      [
        ['training F1', 'lines+markers'],
        ['validation F1', 'lines+markers'],
      ],
    );
    assert.deepEqual(f.data[1].y, [0.8, 0.9]);
    assert.deepEqual(f.layout.xaxis?.title, { text: 'training examples' });
    assert.throws(() => learningCurveFigure([100, 200], [0.9], [0.8, 0.9]), /lengths differ/);
  });

  it('lineFigure and barFigure make one trace per series', () => {
    const line = lineFigure(['mon', 'tue'], [{ name: 'requests', values: [3, 4] }]);
    assert.deepEqual(line.data[0], { type: 'scatter', mode: 'lines', name: 'requests', x: ['mon', 'tue'], y: [3, 4] });
    const bars = barFigure(
      ['free', 'money'],
      [
        { name: 'spam', values: [9, 7] },
        { name: 'ham', values: [1, 2] },
      ],
    );
    assert.equal(bars.layout.barmode, 'group');
    assert.deepEqual(
      bars.data.map((t) => t.type),
      ['bar', 'bar'],
    );
    const zoomed = barFigure(['nn', 'lr'], [{ name: 'F1', values: [0.95, 0.93] }], { yRange: [0.8, 1] });
    assert.deepEqual(zoomed.layout.yaxis?.range, [0.8, 1]);
    const horizontal = barFigure(['free'], [{ name: 'w', values: [2] }], { horizontal: true });
    assert.deepEqual([horizontal.data[0].orientation, horizontal.data[0].y], ['h', ['free']]);
  });

  it('scatterFigure makes one marker trace per group, with hover text when given', () => {
    const f = scatterFigure([
      { name: 'Adelie', x: [39, 40], y: [18, 17], text: ['a', 'b'] },
      { name: 'Gentoo', x: [47], y: [14] },
    ]);
    assert.deepEqual(
      f.data.map((t) => [t.name, t.mode]),
      [
        ['Adelie', 'markers'],
        ['Gentoo', 'markers'],
      ],
    );
    assert.deepEqual(f.data[0].text, ['a', 'b']);
    assert.equal(f.data[1].text, undefined);
    assert.throws(() => scatterFigure([{ name: 'g', x: [1], y: [Infinity] }]), /g y\[0\] is Infinity/);
  });
});
