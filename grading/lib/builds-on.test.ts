import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importedEarlierFiles, referenceLabs, relativeImports } from './builds-on';
import { type Lab, type LabConfig, listLabs } from './labs';
import { REPO_ROOT } from '../harness/repo-root';

/** A lab in memory: only `id`, `files`, `builds_on` and `dir` matter here. */
function lab(dir: string, id: string, files: string[], builds_on: string[] = []): Lab {
  return {
    dir: path.join(dir, id),
    config: {
      id,
      title: id,
      files,
      builds_on,
      max_score: 1,
      timeouts: { test_ms: 1, submission_s: 1 },
      memory_mb: 1,
      instructor_visibility: 'hidden',
    },
  };
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('builds_on', () => {
  describe('relativeImports', () => {
    it('finds import, export-from, side-effect, require and dynamic import specifiers', () => {
      const src = [
        "import { a } from '../../lab-01-x/src/a';",
        'import type { B } from "./b";',
        "export * from './c.ts';",
        "import './d';",
        "const e = require('../e');",
        "void import('./f');",
        "import pino from 'pino';",
        "import { g } from '../../../mlkit/g';",
      ].join('\n');
      assert.deepEqual(relativeImports(src), ['../../../mlkit/g', '../../lab-01-x/src/a', '../e', './b', './c.ts', './d', './f']);
    });
  });

  describe('importedEarlierFiles', () => {
    let root = '';
    let earlier: Lab[] = [];
    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-builds-on-'));
      const sol = path.join(root, 'solutions');
      write(sol, 'lab-01-a/src/registry.ts', "import { v } from './version';\nexport const r = v;");
      write(sol, 'lab-01-a/src/version.ts', "import '../../../mlkit/x';\nexport const v = 1;");
      write(sol, 'lab-01-a/src/unused.ts', 'export const u = 1;');
      write(sol, 'lab-01-a/instructor/secret.grader.ts', 'export const s = 1;');
      write(sol, 'lab-02-b/src/app.ts', "import { r } from '../../lab-01-a/src/registry';\nexport const a = r;");
      earlier = [
        lab(sol, 'lab-01-a', ['src/registry.ts', 'src/version.ts', 'src/unused.ts']),
        lab(sol, 'lab-02-b', ['src/app.ts'], ['lab-01-a']),
      ];
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('follows imports into earlier labs and through the files it stages, and nothing else', () => {
      const sub = path.join(root, 'sub');
      write(sub, 'src/main.ts', "import { a } from '../../lab-02-b/src/app';\nimport { h } from './helper';\nexport const m = a + h;");
      write(sub, 'src/helper.ts', 'export const h = 1;');
      const got = importedEarlierFiles('lab-03-c', sub, earlier).map((f) => `${f.lab}/${f.rel}`);
      assert.deepEqual(got, ['lab-01-a/src/registry.ts', 'lab-01-a/src/version.ts', 'lab-02-b/src/app.ts']);
    });
    it("never stages an earlier lab's checks or a lab this one does not build on", () => {
      const sub = path.join(root, 'hostile');
      write(
        sub,
        'src/main.ts',
        "import '../../lab-01-a/instructor/secret.grader';\nimport '../../lab-09-z/src/app';\nimport '../../lab-01-a/src/nope';",
      );
      assert.deepEqual(importedEarlierFiles('lab-03-c', sub, earlier), []);
      assert.deepEqual(importedEarlierFiles('lab-03-c', sub, []), []);
    });
    it('copies from the reference solution, not from the submission', () => {
      const sub = path.join(root, 'own');
      write(sub, 'src/main.ts', "import '../../lab-01-a/src/unused';");
      const [f] = importedEarlierFiles('lab-03-c', sub, earlier);
      assert.equal(f?.source, path.join(root, 'solutions', 'lab-01-a', 'src', 'unused.ts'));
    });
  });

  describe('referenceLabs', () => {
    it('gives lab 02 the reference solution of lab 01', () => {
      const labs = listLabs(path.join(REPO_ROOT, 'solutions'));
      const lab02 = labs.find((l) => l.config.id === 'lab-02-harden-the-api')!;
      assert.deepEqual(
        referenceLabs(lab02.config).map((l) => l.dir),
        [path.join(REPO_ROOT, 'solutions', 'lab-01-ship-the-model')],
      );
    });
    it('names an earlier lab that has no reference solution', () => {
      const config: LabConfig = { ...lab('/x', 'lab-07-q', ['a.ts'], ['lab-06-gone']).config };
      assert.throws(() => referenceLabs(config), /lab-07-q builds on lab-06-gone, whose reference solution is not in/);
    });
  });
});
