import assert from 'node:assert/strict';
import { LabError } from '../lib/labs';
import { gradableNotebooks, isNotebookName, resolveNotebook } from './notebooks';

describe('notebooks as gradable units', () => {
  it('resolves nb-03, 03 and nb03 to lesson 03 with its exercises, points and checks files', () => {
    for (const name of ['nb-03', '03', 'nb03']) {
      const nb = resolveNotebook(name);
      assert.equal(nb.id, 'nb-03');
      assert.deepEqual(
        nb.exercises.map((e) => [e.id, e.points, e.uses]),
        [
          ['nb-03.1', 2, ['logLossGradient']],
          ['nb-03.2', 1, ['gradientStep']],
        ],
      );
      assert.equal(nb.config.max_score, 3);
      assert.match(nb.hiddenChecks, /solutions\/notebooks\/checks\/nb-03\.ts$/);
    }
  });
  it('lists lesson 03 among the notebooks with exercises', () => {
    assert.ok(gradableNotebooks().includes('03'));
  });
  it('refuses an unknown notebook, listing the gradable ones', () => {
    assert.throws(
      () => resolveNotebook('nb-77'),
      (e: Error) => e instanceof LabError && /no notebook "nb-77" with exercises[\s\S]*nb-03/.test(e.message),
    );
  });
  it('tells notebook names from lab names', () => {
    assert.deepEqual(['nb-03', 'NB03', 'lab-03', '03'].map(isNotebookName), [true, true, false, false]);
  });
});
