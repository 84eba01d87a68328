import assert from 'node:assert/strict';
import { REPORT_PREFIX } from './grader';
import { graderCells, parseReports } from './hook';

describe('notebook grading hook', () => {
  it('imports the public and hidden checks root-relative, then reports each exercise in its own cell', () => {
    const cells = graderCells('nb-03', [
      { id: 'nb-03.1', uses: ['logLossGradient'] },
      { id: 'nb-03.2', uses: ['gradientStep'] },
    ]);
    assert.equal(cells.length, 3);
    assert.match(cells[0]!, /from '\.\/notebooks\/checks\/nb-03'/);
    assert.match(cells[0]!, /from '\.\/solutions\/notebooks\/checks\/nb-03'/);
    assert.equal(cells[1], "await hookReport('nb-03.1', { public: hookPublicChecks, hidden: hookHiddenChecks }, logLossGradient);");
  });

  it('for public checks only, imports no hidden checks at all', () => {
    const [setup] = graderCells('nb-03', [{ id: 'nb-03.1', uses: ['f'] }], { hidden: false });
    assert.doesNotMatch(setup!, /solutions/);
    assert.match(setup!, /const hookHiddenChecks = \[\];/);
  });

  it('reads the results back from everything the notebook printed', () => {
    const result = { exercise: 'nb-03.1', name: 'a', visibility: 'hidden', ok: false, line: '✗ a' };
    const text = `✓ something else\n${REPORT_PREFIX}${JSON.stringify([result])}\nmore output`;
    assert.deepEqual(parseReports(text), [result]);
  });
});
