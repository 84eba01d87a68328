import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildAll, buildLab, diffLab, writeLab } from './build';
import { listLabs } from './labs';
import { REPO_ROOT } from '../harness/repo-root';
import { solutionBodies } from './markers';

const SOLUTIONS = path.join(REPO_ROOT, 'solutions');
const labs = listLabs(SOLUTIONS);

describe('labs:build', () => {
  it('finds at least the warm-up lab', () => {
    assert.ok(labs.some((l) => l.config.id === 'lab-00-warm-up'));
  });

  it('labs/ matches what solutions/ generates (run npm run labs:build when this fails)', () => {
    assert.deepEqual(buildAll(SOLUTIONS, path.join(REPO_ROOT, 'labs'), true).stale, []);
  });

  // An import line gives no answer away, and the lab's given files may need the same import.
  const IMPORT = /^import\s[^;]*from\s+['"][^'"]+['"];?$/;
  // Nor does a line of bare control flow (`} catch (err) {`), which formatting puts on its own.
  const STRUCTURE = /^\}?\s*(?:catch\s*\(\w+\)|else|finally|try)?\s*\{?$/;

  for (const lab of labs) {
    describe(lab.config.id, () => {
      const files = buildLab(lab);
      it('never copies solution region text into the starter', () => {
        // Whole lines: a short answer line can be a substring of a given line without leaking anything.
        const generated = new Set(
          [...files.values()].flatMap((b) =>
            b
              .toString('utf8')
              .split('\n')
              .map((l) => l.trim()),
          ),
        );
        for (const rel of files.keys()) {
          const src = path.join(lab.dir, rel);
          for (const body of solutionBodies(rel, fs.readFileSync(src, 'utf8'))) {
            for (const line of body
              .split('\n')
              .map((l) => l.trim())
              .filter((l) => l.length > 12 && !l.startsWith('//') && !l.startsWith('#') && !IMPORT.test(l) && !STRUCTURE.test(l))) {
              assert.ok(!generated.has(line), `${rel}: "${line}" reached labs/`);
            }
          }
        }
      });
      it('keeps instructor checks and fixture submissions out', () => {
        assert.ok([...files.keys()].every((k) => !k.startsWith('instructor/') && !k.startsWith('submissions/')));
      });
      it('ships the brief, lab.json, the learner files and the public graders', () => {
        for (const f of ['README.md', 'lab.json', ...lab.config.files]) assert.ok(files.has(f), f);
        assert.ok([...files.keys()].some((k) => k.startsWith('grader/')));
      });
    });
  }

  describe('--check on a copy', () => {
    const lab = labs[0]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-build-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    it('reports an edited, a missing and an extra file', () => {
      const files = buildLab(lab);
      writeLab(files, dir);
      assert.deepEqual(diffLab(files, dir), []);
      const [first, second] = [...files.keys()];
      fs.appendFileSync(path.join(dir, first!), '\n// edited');
      fs.rmSync(path.join(dir, second!));
      fs.writeFileSync(path.join(dir, 'extra.ts'), '');
      assert.deepEqual(
        diffLab(files, dir).sort(),
        [`missing: ${second}`, 'not generated from solutions/: extra.ts', `out of date: ${first}`].sort(),
      );
    });
    it("leaves the learner's exported models alone: not reported, and kept by a rebuild", () => {
      const files = buildLab(lab);
      writeLab(files, dir);
      const exported = path.join(dir, 'models', 'spam', '0.4.0', 'model.json');
      fs.mkdirSync(path.dirname(exported), { recursive: true });
      fs.writeFileSync(exported, '{}');
      fs.writeFileSync(path.join(dir, 'stray.ts'), '');
      assert.deepEqual(diffLab(files, dir), ['not generated from solutions/: stray.ts']);
      writeLab(files, dir);
      assert.equal(fs.readFileSync(exported, 'utf8'), '{}', 'the export survives npm run labs:build');
      assert.equal(fs.existsSync(path.join(dir, 'stray.ts')), false, 'everything else is regenerated');
      assert.deepEqual(diffLab(files, dir), []);
    });
  });
});
