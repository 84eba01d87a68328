import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/**
 * A Dockerfile's instructions as Docker reads them: comments (lab markers included) and blank
 * lines dropped, continuation lines joined, runs of spaces collapsed.
 */
function instructions(text: string): string[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*(#.*)?$/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
}

describe('the API image has one recipe', () => {
  it('reads instructions the way Docker does', () => {
    assert.deepEqual(instructions('# c\nFROM a AS b\n\nRUN x \\\n  && y\n  # BEGIN SOLUTION hint: h\nCMD ["z"]\n'), [
      'FROM a AS b',
      'RUN x && y',
      'CMD ["z"]',
    ]);
  });

  it("the root Dockerfile and lab 03's reference answer give Docker the same instructions", () => {
    const root = instructions(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    const lab = instructions(fs.readFileSync(path.join(ROOT, 'solutions', 'lab-03-containerize', 'Dockerfile'), 'utf8'));
    assert.ok(root.length > 10, `the root Dockerfile has ${root.length} instructions`);
    assert.deepEqual(lab, root, 'edit both (the root one is what compose and the image tests build; lab 03 teaches it)');
  });
});
