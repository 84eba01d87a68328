import assert from 'node:assert/strict';
import { argsOf, parseDockerfile } from './dockerfile';

describe('parseDockerfile (stages and instructions of a Dockerfile)', () => {
  it('splits stages at FROM, with their AS names and flags dropped', () => {
    const stages = parseDockerfile('FROM --platform=linux/amd64 node:20 AS build\nRUN a\nFROM build\nCMD ["x"]\n');
    assert.deepEqual(
      stages.map((s) => [s.image, s.name, s.instructions.map((i) => i.keyword)]),
      [
        ['node:20', 'build', ['RUN']],
        ['build', undefined, ['CMD']],
      ],
    );
  });
  it('joins continuation lines, drops comments and upper-cases keywords', () => {
    const [stage] = parseDockerfile('# top\nFROM node:20\nrun apt-get update \\\n # between\n && apt-get install tini\nENV A=1\n');
    assert.deepEqual(argsOf(stage!, 'RUN'), ['apt-get update && apt-get install tini']);
    assert.deepEqual(argsOf(stage!, 'ENV'), ['A=1']);
  });
  it('finds no stage in a file without FROM', () => {
    assert.deepEqual(parseDockerfile('# TODO\nRUN x\n'), []);
  });
});
