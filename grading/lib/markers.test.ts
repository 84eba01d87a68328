import assert from 'node:assert/strict';
import { findRegions, MarkerError, solutionBodies, toStarter } from './markers';

const TS = `import { x } from './x';
// BEGIN SOLUTION hint: the answer needs y
import { y } from './y';
// END SOLUTION

export function area(w: number, h: number): number {
  // BEGIN SOLUTION hint: multiply the sides
  return w * h * x;
  // END SOLUTION
}

export function half(n: number): number {
  const m = n;
  // BEGIN SOLUTION hint: divide by two
  return m / 2 + y;
  // END SOLUTION
}
`;

describe('solution markers', () => {
  describe('toStarter on a TypeScript file', () => {
    const out = toStarter('lab-09-demo', 'src/a.ts', TS);
    it('replaces a region with a stub that throws the lab id and the hint', () => {
      assert.match(out, /throw new Error\("lab-09-demo: not implemented — multiply the sides"\);/);
    });
    it('mentions parameters only the answer read, so the starter compiles under noUnusedParameters', () => {
      assert.match(out, /void \[w, h\]; \/\/ your inputs/);
      assert.doesNotMatch(out, /void \[n\]/);
    });
    it('drops a region holding only imports, leaving a TODO', () => {
      assert.match(out, /\/\/ TODO\(lab-09-demo\): the answer needs y/);
      assert.doesNotMatch(out, /from '.\/y'/);
    });
    it('keeps unmarked code as it is', () => {
      assert.match(out, /^import \{ x \} from '.\/x';$/m);
      assert.match(out, /const m = n;/);
    });
    it('leaves none of the region bodies in the output', () => {
      for (const body of solutionBodies('a.ts', TS)) for (const line of body.split('\n')) assert.ok(!out.includes(line.trim()), line);
    });
  });

  it('turns a # region of a Dockerfile into a TODO line', () => {
    const out = toStarter(
      'lab-03-docker',
      'Dockerfile',
      'FROM node:20\n  # BEGIN SOLUTION hint: copy the service\nCOPY . /app\n  # END SOLUTION\n',
    );
    assert.equal(out, 'FROM node:20\n  # TODO(lab-03-docker): copy the service\n');
  });

  it('returns a file without markers unchanged', () => {
    assert.equal(toStarter('lab-00-x', 'a.ts', 'export const a = 1;\n'), 'export const a = 1;\n');
  });

  describe('bad markers', () => {
    const error = (text: string): MarkerError => {
      try {
        findRegions('src/b.ts', text);
      } catch (e) {
        assert.ok(e instanceof MarkerError);
        return e;
      }
      assert.fail('no error');
    };
    it('names file and line of a region that is never closed', () => {
      assert.match(error('a\n// BEGIN SOLUTION hint: h\nb\n').message, /^src\/b\.ts:2: .*never closed/);
    });
    it('names file and line of a nested BEGIN', () => {
      assert.match(error('// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n').message, /^src\/b\.ts:2: .*cannot nest/);
    });
    it('names file and line of an END without BEGIN', () => {
      assert.match(error('x\n\n// END SOLUTION\n').message, /^src\/b\.ts:3: END SOLUTION without/);
    });
    it('rejects a misspelt marker instead of ignoring it', () => {
      assert.match(error('// BEGIN SOLUTION: no hint keyword\n').message, /src\/b\.ts:1: malformed marker/);
    });
  });
});
