import assert from 'node:assert/strict';
import { REPORT_PREFIX } from '../exercises/grader';
import { scoreNotebook, type ScoreInput } from './score';

const exercises = [
  { id: 'nb-03.1', title: 'gradient', points: 2, uses: ['logLossGradient'] },
  { id: 'nb-03.2', title: 'step', points: 1, uses: ['gradientStep'] },
];
const report = (id: string, pub: boolean[], hid: boolean[]): string =>
  REPORT_PREFIX +
  JSON.stringify([
    ...pub.map((ok, i) => ({ exercise: id, name: `p${i}`, visibility: 'public', ok, line: `${ok ? '✓' : '✗'} p${i}` })),
    ...hid.map((ok, i) => ({ exercise: id, name: `h${i}`, visibility: 'hidden', ok, line: `${ok ? '✓' : '✗'} h${i}` })),
  ]);
const input = (perExercise: Array<string | undefined>, extra: Partial<ScoreInput> = {}): ScoreInput => ({
  exercises,
  hook: { setup: '', perExercise },
  missing: [],
  hiddenVisibility: 'after_published',
  ...extra,
});

describe('scoring a notebook from its hook cells', () => {
  it("gives half an exercise's points to its public checks and half to its hidden ones, each all or nothing", () => {
    const tests = scoreNotebook(input([report('nb-03.1', [true, true], [true, false]), report('nb-03.2', [true], [true])]));
    assert.deepEqual(
      tests.map((t) => [t.score, t.max_score, t.visibility]),
      [
        [1, 1, 'visible'],
        [0, 1, 'after_published'],
        [0.5, 0.5, 'visible'],
        [0.5, 0.5, 'after_published'],
      ],
    );
  });
  it('scores an exercise whose function is gone 0 with the reason, and still counts the others', () => {
    const tests = scoreNotebook(
      input([report('nb-03.1', [true], [true]), "1:1 - Cannot find name 'gradientStep'."], { missing: ['nb-03.2'] }),
    );
    assert.deepEqual(
      tests.map((t) => t.score),
      [1, 1, 0, 0],
    );
    assert.match(tests[2]!.output, /Cannot find name 'gradientStep'.*is not in the notebook/s);
  });
  it('says the notebook stopped when the grader never reached an exercise', () => {
    assert.match(scoreNotebook(input([]))[0]!.output, /stopped before the grader reached nb-03.1/);
  });
  it("ignores report lines for another exercise than the cell's", () => {
    assert.equal(scoreNotebook(input([report('nb-03.2', [true], [true])]))[0]!.score, 0);
  });
  it('leaves the hidden tests out for a public-only check', () => {
    assert.deepEqual(
      scoreNotebook(input([report('nb-03.1', [true], []), undefined], { publicOnly: true })).map((t) => t.max_score),
      [1, 0.5],
    );
  });
});
