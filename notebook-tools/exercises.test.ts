import assert from 'node:assert/strict';
import { planNotebook } from './build';
import type { Notebook } from './notebook-source';

const FILE = 'notebooks/src/03-x.md';
const fence = (code: string): string => '```ts\n' + code + '\n```\n';
const EXERCISE = fence(
  [
    '// Exercise nb-03.1 — double it (2 points)',
    'function double(x: number): number {',
    '  // BEGIN SOLUTION hint: multiply by two',
    '  return x * 2 + 0;',
    '  // END SOLUTION',
    '}',
  ].join('\n'),
);
const CHECKER = fence("grader.check('nb-03.1', double);");

function plan(markdown: string): ReturnType<typeof planNotebook> {
  return planNotebook(markdown, FILE, 'learner.ipynb', 'solution.ipynb');
}
const cellsOf = (content: string): string[] => (JSON.parse(content) as Notebook).cells.map((c) => c.source.join(''));
const fails = (markdown: string, message: RegExp): void => assert.throws(() => plan(markdown), message);

describe('notebook exercises', () => {
  describe('a well-formed exercise', () => {
    const built = plan(`# T\n\nProse.\n\n${EXERCISE}\nMore.\n\n${CHECKER}`);

    it('is found with its id, title, points, declaration line and checker cell', () => {
      assert.deepEqual(built.exercises, [{ id: 'nb-03.1', title: 'double it', points: 2, line: 6, cell: 1, checkerCell: 3 }]);
    });

    it('becomes a stub in the learner notebook that throws the exercise id and hint', () => {
      const answer = cellsOf(built.learner.content)[1]!;
      assert.match(answer, /throw new Error\("nb-03\.1: not implemented — multiply by two"\);/);
      assert.doesNotMatch(answer, /x \* 2/);
    });

    it('keeps the answer without the marker lines in the solution notebook', () => {
      const answer = cellsOf(built.solution.content)[1]!;
      assert.match(answer, /return x \* 2 \+ 0;/);
      assert.doesNotMatch(answer, /SOLUTION/);
    });

    it('tags the exercise and checker cells with the exercise in their metadata', () => {
      const cells = (JSON.parse(built.learner.content) as Notebook).cells;
      assert.deepEqual(cells[1]!.metadata, { exercise: { id: 'nb-03.1', title: 'double it', points: 2, role: 'answer' } });
      assert.deepEqual((cells[3]!.metadata as { exercise: { role: string } }).exercise.role, 'checker');
      assert.deepEqual(cells[0]!.metadata, {});
    });
  });

  describe('a malformed source is refused with the file and line', () => {
    it('a duplicate id', () => {
      fails(`${EXERCISE}${CHECKER}${EXERCISE}${CHECKER}`, /03-x\.md:13: exercise nb-03\.1 is declared twice \(first at line 2\)/);
    });

    it('an id that does not match the notebook number', () => {
      fails(
        EXERCISE.replace('nb-03.1', 'nb-04.1') + CHECKER.replace('nb-03.1', 'nb-04.1'),
        /03-x\.md:2: exercise nb-04\.1 is in notebook 03/,
      );
    });

    it('a region outside an exercise cell', () => {
      fails(EXERCISE.replace('// Exercise nb-03.1 — double it (2 points)\n', ''), /03-x\.md:3: solution region outside an exercise cell/);
    });

    it('an exercise without a checker cell after it', () => {
      fails(`${EXERCISE}${fence('const y = 1;')}${CHECKER}`, /03-x\.md:2: exercise nb-03\.1 has no checker/);
    });

    it('a checker call for an exercise that does not exist', () => {
      fails(`${EXERCISE}${CHECKER}${fence("grader.check('nb-03.7', double);")}`, /03-x\.md:13: check\('nb-03\.7'\) names no exercise/);
    });

    it('an exercise without a region for the learner', () => {
      fails(
        `${fence('// Exercise nb-03.1 — nothing (1 point)\nconst z = 1;')}${CHECKER}`,
        /03-x\.md:2: exercise nb-03\.1 has no BEGIN SOLUTION/,
      );
    });

    it('a malformed declaration', () => {
      fails(fence('// Exercise nb-03.1: double it\nconst z = 1;'), /03-x\.md:2: malformed exercise declaration/);
    });

    it('a declaration below the first line of its cell', () => {
      fails(
        fence('const z = 1;\n// Exercise nb-03.1 — double it (2 points)'),
        /03-x\.md:3: an exercise declaration must be the first line/,
      );
    });

    it('a region without a hint', () => {
      fails(EXERCISE.replace(' hint: multiply by two', '') + CHECKER, /03-x\.md:4: give the learner a hint/);
    });

    it('a region that spans two cells', () => {
      const split = fence('// Exercise nb-03.1 — double it (2 points)\n// BEGIN SOLUTION hint: h\nconst a = 1;') + fence('// END SOLUTION');
      fails(split + CHECKER, /03-x\.md:3: a BEGIN SOLUTION … END SOLUTION region must lie inside one ```ts code cell/);
    });
  });
});
