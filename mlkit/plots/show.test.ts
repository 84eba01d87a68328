import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rocFigure } from './classification';
import { describeFigure, show } from './show';

const figure = rocFigure([{ name: 'model', fpr: [0, 1], tpr: [0, 1], auc: 0.5 }], { title: 'ROC' });

/** Runs `fn` with console.log captured. */
function captureLog(fn: () => void): string[] {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.join(' '));
  };
  try {
    fn();
  } finally {
    console.log = original;
  }
  return lines;
}

describe('plots/show', () => {
  it('prints a one-line summary outside a notebook instead of throwing', () => {
    const lines = captureLog(() => show(figure));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^\[plot \d+\] ROC: 2 traces \(scatter "model \(AUC 0\.500\)", scatter "chance"\)$/);
  });

  it('describeFigure names untitled figures and single traces', () => {
    assert.equal(describeFigure({ data: [{ type: 'bar' }], layout: {} }), 'untitled figure: 1 trace (bar)');
  });

  it('rejects something that is not a figure', () => {
    assert.throws(() => show({} as never), /show needs a figure/);
  });

  describe('inside a tslab kernel (simulated)', () => {
    let dir = '';
    let jupyterPath = '';
    const shown: string[] = [];

    before(() => {
      // A stand-in for tslab's files: jupyter.js marks "a kernel is running", public.js is its display API.
      dir = mkdtempSync(join(tmpdir(), 'plots-show-'));
      mkdirSync(join(dir, 'tslab', 'dist'), { recursive: true });
      jupyterPath = join(dir, 'tslab', 'dist', 'jupyter.js');
      writeFileSync(jupyterPath, 'module.exports = {};');
      writeFileSync(join(dir, 'tslab', 'dist', 'public.js'), 'module.exports = { display: { html: (s) => global.__plotsShown.push(s) } };');
      (globalThis as unknown as { __plotsShown: string[] }).__plotsShown = shown;
      require(jupyterPath);
    });

    after(() => {
      for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
      delete (globalThis as unknown as { __plotsShown?: string[] }).__plotsShown;
      rmSync(dir, { recursive: true, force: true });
    });

    it('embeds plotly.js with the first plot only, and numbers the divs', () => {
      show(figure);
      show(figure);
      assert.equal(shown.length, 2);
      assert.ok(shown[0].includes('window.Plotly') && shown[0].length > 1_000_000, 'first output carries the bundle');
      assert.ok(shown[1].length < 10_000, 'later outputs are small');
      const ids = shown.map((html) => Number(/id="mlkit-plot-(\d+)"/.exec(html)?.[1]));
      assert.equal(ids[1], ids[0] + 1);
    });
  });
});
