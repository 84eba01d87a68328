import assert from 'node:assert/strict';
import path from 'node:path';
import { findCycles, importGraph, importedNames, projectFiles, resolveRelative, type ImportGraph } from './import-graph';

const ROOT = path.join(__dirname, '..');

describe('import graph of the project', () => {
  let files: string[];
  let graph: ImportGraph;
  before(() => {
    files = projectFiles(ROOT);
    graph = importGraph(files);
  });

  it('has no cycle among the files tsconfig.json includes', () => {
    assert.ok(files.length > 100, `only ${files.length} project files found`);
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
    assert.deepEqual(cycles, []);
  });

  it('has no test file importing another (loading it would run the other suite too)', () => {
    const isTest = (f: string): boolean => f.endsWith('.test.ts');
    const imports = [...graph].flatMap(([file, targets]) =>
      isTest(file) ? targets.filter(isTest).map((t) => `${path.relative(ROOT, file)} → ${path.relative(ROOT, t)}`) : [],
    );
    assert.deepEqual(imports, []);
  });

  it("keeps npm start's modules inside scripts/ (the notebooks image registers the kernel with only scripts/ copied)", () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.get(file) ?? []) visit(next);
    };
    visit(path.join(ROOT, 'scripts/start.ts'));
    assert.ok(reached.size > 3, `start.ts reaches only ${reached.size} files: the graph did not follow its imports`);
    const outside = [...reached].map((f) => path.relative(ROOT, f)).filter((f) => !f.startsWith('scripts/'));
    assert.deepEqual(outside, []);
  });

  it('follows the datasets reader to its modules, including the lazily required build', () => {
    const edges = (file: string): string[] => (graph.get(path.join(ROOT, file)) ?? []).map((f) => path.relative(ROOT, f)).sort();
    assert.deepEqual(edges('datasets/read.ts'), ['datasets/files.ts', 'datasets/make.ts']);
  });
});

describe('importedNames', () => {
  it('reads static, re-export, require, import() and import-equals forms, and skips comments', () => {
    const text = [
      "import a from './a';",
      "import { type T, b } from './b';",
      "export { c } from './c';",
      "import './d';",
      "const e = require('./e');",
      "void import('./f');",
      "import g = require('./g');",
      "// import h from './h';",
      'const s = "import i from \'./i\'";',
    ].join('\n');
    assert.deepEqual(importedNames('x.ts', text), ['./a', './b', './c', './d', './e', './f', './g']);
  });
  it('leaves out type-only imports and re-exports, which are erased before run time', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "export type { D } from './d';",
      "export { type E } from './e';",
    ].join('\n');
    assert.deepEqual(importedNames('x.ts', text), []);
  });
});

describe('resolveRelative', () => {
  const files = new Set(['/p/a.ts', '/p/lib/index.ts', '/p/b.ts']);
  it('resolves a file, a file without extension and a folder index', () => {
    assert.equal(resolveRelative('/p/b.ts', './a.ts', files), '/p/a.ts');
    assert.equal(resolveRelative('/p/b.ts', './a', files), '/p/a.ts');
    assert.equal(resolveRelative('/p/b.ts', './lib', files), '/p/lib/index.ts');
  });
  it('ignores packages and files outside the project', () => {
    assert.equal(resolveRelative('/p/b.ts', 'typescript', files), undefined);
    assert.equal(resolveRelative('/p/b.ts', './missing', files), undefined);
  });
});

describe('findCycles', () => {
  it('reports a two-file cycle and a longer one, each closed on its first file', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', ['b']],
    ]);
    assert.deepEqual(findCycles(graph), [
      ['a', 'b', 'a'],
      ['b', 'c', 'd', 'b'],
    ]);
  });
  it('reports a self-import', () => {
    assert.deepEqual(findCycles(new Map([['a', ['a']]])), [['a', 'a']]);
  });
  it('finds none in a diamond', () => {
    assert.deepEqual(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['d']],
          ['c', ['d']],
          ['d', []],
        ]),
      ),
      [],
    );
  });
});
