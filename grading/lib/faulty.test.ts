import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { listLabs, type Lab } from './labs';
import { REPO_ROOT } from '../harness/repo-root';
import { applyEdits, FixtureError, listFaults, materialiseFault, parseFault, readFault, writeFault } from './faulty';

const FILES = new Map([
  ['src/a.ts', 'export const limit = 5;\nexport const ok = (n: number): boolean => n <= limit;\n'],
  ['src/b.ts', 'export const name = "b";\n'],
]);
const noWhole = (file: string): string => assert.fail(`no whole file expected, asked for ${file}`);

describe('applyEdits', () => {
  it('replaces the one occurrence and leaves the other files as they were', () => {
    const out = applyEdits('fx', FILES, [{ file: 'src/a.ts', find: 'n <= limit', replace: 'n < limit' }], noWhole);
    assert.equal(out.get('src/a.ts'), 'export const limit = 5;\nexport const ok = (n: number): boolean => n < limit;\n');
    assert.equal(out.get('src/b.ts'), FILES.get('src/b.ts'));
    assert.equal(FILES.get('src/a.ts')?.includes('n <= limit'), true, 'the input map is not changed');
  });
  it('applies edits in order, each to the result of the one before', () => {
    const out = applyEdits(
      'fx',
      FILES,
      [
        { file: 'src/a.ts', find: 'limit = 5', replace: 'limit = 7' },
        { file: 'src/a.ts', find: 'limit = 7', replace: 'limit = 9' },
      ],
      noWhole,
    );
    assert.match(out.get('src/a.ts') ?? '', /limit = 9;/);
  });
  it('stops on text that does not occur, naming the fixture, the file and the text', () => {
    assert.throws(
      () => applyEdits('lab-x/submissions/faulty-y', FILES, [{ file: 'src/a.ts', find: 'n >= limit', replace: 'x' }], noWhole),
      (e: unknown) =>
        e instanceof FixtureError &&
        /lab-x\/submissions\/faulty-y: src\/a\.ts: "n >= limit" occurs 0 times; it must occur exactly once/.test(e.message),
    );
  });
  it('stops on text that occurs more than once (ambiguous), overlapping matches included', () => {
    assert.throws(
      () => applyEdits('fx', FILES, [{ file: 'src/a.ts', find: 'limit', replace: 'max' }], noWhole),
      /fx: src\/a\.ts: "limit" occurs 2 times/,
    );
    const aaa = new Map([['f', 'aaa']]);
    assert.throws(() => applyEdits('fx', aaa, [{ file: 'f', find: 'aa', replace: 'b' }], noWhole), /"aa" occurs 2 times/);
  });
  it('stops on a file the lab does not have', () => {
    assert.throws(
      () => applyEdits('fx', FILES, [{ file: 'src/c.ts', find: 'x', replace: 'y' }], noWhole),
      /fx: unknown file "src\/c\.ts" \(the lab's files are src\/a\.ts, src\/b\.ts\)/,
    );
  });
  it('takes a whole file from the fixture when the edit says so', () => {
    const out = applyEdits('fx', FILES, [{ file: 'src/b.ts', wholeFile: true }], (f) => `// whole ${f}\n`);
    assert.equal(out.get('src/b.ts'), '// whole src/b.ts\n');
  });
});

describe('parseFault', () => {
  const files = [...FILES.keys()];
  const valid = { description: 'ok() is off by one.', min: 1, max: 3, edits: [{ file: 'src/a.ts', find: '<=', replace: '<' }] };
  const bad = (patch: Record<string, unknown>, message: RegExp): void => {
    assert.throws(
      () => parseFault({ ...valid, ...patch }, 'fault.json', files),
      (e: unknown) => e instanceof FixtureError && message.test(e.message),
      JSON.stringify(patch),
    );
  };
  it('accepts a valid fault', () => assert.deepEqual(parseFault(valid, 'fault.json', files), valid));
  it('refuses unknown fields, so a misspelt one is not ignored', () => bad({ why: 'x' }, /fault\.json: unknown field "why"/));
  it('refuses a missing description and a bad score range', () => {
    bad({ description: ' ' }, /"description"/);
    bad({ min: 4 }, /0 ≤ min ≤ max/);
    bad({ max: '3' }, /0 ≤ min ≤ max/);
  });
  it('refuses an empty edit list, an edit of an unknown file, and an edit that changes nothing', () => {
    bad({ edits: [] }, /"edits" must list at least one edit/);
    bad(
      { edits: [{ file: 'src/c.ts', find: 'a', replace: 'b' }] },
      /"edits\[0\]\.file" names "src\/c\.ts", not one of the lab's files \(src\/a\.ts, src\/b\.ts\)/,
    );
    bad({ edits: [{ file: 'src/a.ts', find: 'a', replace: 'a' }] }, /"edits\[0\]\.replace" equals "find"/);
    bad({ edits: [{ file: 'src/a.ts', find: '', replace: 'a' }] }, /"edits\[0\]\.find" must be non-empty/);
  });
  it('refuses an edit that mixes or half-fills the two shapes, or carries an unknown field', () => {
    const shapes = /"edits\[0\]" expected \{"file", "find", "replace"\} or \{"file", "wholeFile": true\}/;
    bad({ edits: [{ file: 'src/a.ts', find: 'a', replace: 'b', wholeFile: true }] }, shapes);
    bad({ edits: [{ file: 'src/a.ts', find: 'a' }] }, shapes);
    bad({ edits: ['src/a.ts'] }, shapes);
    bad({ edits: [{ file: 'src/a.ts', wholeFile: false }] }, /"edits\[0\]\.wholeFile" must be true/);
    bad({ edits: [{ file: 'src/a.ts', wholeFile: true, why: 1 }] }, /"edits\[0\]" has unknown field "why"/);
  });
  it('accepts a whole-file edit as it is written', () => {
    const whole = { ...valid, edits: [{ file: 'src/b.ts', wholeFile: true }] };
    assert.deepEqual(parseFault(whole, 'fault.json', files), whole);
  });
  it("names the fixture's fault.json and the field when reading a bad one from disk", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-fault-'));
    try {
      fs.mkdirSync(path.join(dir, 'submissions', 'faulty-x'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'submissions', 'faulty-x', 'fault.json'), JSON.stringify({ ...valid, max: -2 }));
      const lab: Lab = {
        dir,
        config: {
          id: 'lab-98-x',
          title: 't',
          files,
          builds_on: [],
          max_score: 1,
          timeouts: { test_ms: 1, submission_s: 1 },
          memory_mb: 64,
          instructor_visibility: 'hidden',
        },
      };
      assert.throws(
        () => readFault(lab, 'faulty-x'),
        /^FixtureError: lab-98-x\/submissions\/faulty-x\/fault\.json: "max" must be a number, with 0 ≤ min ≤ max/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('materialiseFault', () => {
  let dir = '';
  let lab: Lab;
  const fixture = (id: string, fault: unknown, extra: Record<string, string> = {}): void => {
    const d = path.join(dir, 'submissions', id);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'fault.json'), JSON.stringify(fault));
    for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(d, f), text);
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-faulty-'));
    for (const [f, text] of FILES) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-bookworm-slim\n');
    lab = {
      dir,
      config: {
        id: 'lab-99-test',
        title: 't',
        files: [...FILES.keys(), 'Dockerfile'],
        builds_on: [],
        max_score: 1,
        timeouts: { test_ms: 1, submission_s: 1 },
        memory_mb: 1,
        instructor_visibility: 'hidden',
      },
    };
    fixture('faulty-edit', { description: 'd', min: 0, max: 1, edits: [{ file: 'src/a.ts', find: 'limit = 5', replace: 'limit = 4' }] });
    fixture(
      'faulty-whole',
      { description: 'd', min: 0, max: 1, edits: [{ file: 'Dockerfile', wholeFile: true }] },
      { Dockerfile: 'FROM node:latest\n' },
    );
    fixture(
      'faulty-stray',
      { description: 'd', min: 0, max: 1, edits: [{ file: 'src/a.ts', find: 'limit = 5', replace: 'limit = 4' }] },
      { Dockerfile: 'FROM x\n' },
    );
    fixture('faulty-no-whole', { description: 'd', min: 0, max: 1, edits: [{ file: 'Dockerfile', wholeFile: true }] });
    fixture('faulty-stale', { description: 'd', min: 0, max: 1, edits: [{ file: 'src/b.ts', find: '"c"', replace: '"d"' }] });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the faulty-* folders, sorted', () => {
    assert.deepEqual(listFaults(lab), ['faulty-edit', 'faulty-no-whole', 'faulty-stale', 'faulty-stray', 'faulty-whole']);
  });
  it("writes every learner file: the edited one, and the solution's for the rest", () => {
    const dest = path.join(dir, 'out', 'faulty-edit');
    writeFault(lab, 'faulty-edit', dest);
    assert.match(fs.readFileSync(path.join(dest, 'src/a.ts'), 'utf8'), /limit = 4;/);
    assert.equal(fs.readFileSync(path.join(dest, 'src/b.ts'), 'utf8'), FILES.get('src/b.ts'));
    assert.equal(fs.readFileSync(path.join(dest, 'Dockerfile'), 'utf8'), 'FROM node:20-bookworm-slim\n');
    assert.ok(!fs.existsSync(path.join(dest, 'fault.json')));
  });
  it('takes a whole file from the fixture folder', () => {
    assert.equal(materialiseFault(lab, 'faulty-whole').get('Dockerfile'), 'FROM node:latest\n');
  });
  it('refuses a file in the fixture folder that no edit names, and a whole-file edit without its file', () => {
    assert.throws(
      () => materialiseFault(lab, 'faulty-stray'),
      /lab-99-test\/submissions\/faulty-stray: Dockerfile not named by any \{"wholeFile": true\} edit/,
    );
    assert.throws(
      () => materialiseFault(lab, 'faulty-no-whole'),
      /faulty-no-whole: Dockerfile is a whole-file edit, but the fixture folder has no Dockerfile/,
    );
  });
  it('names the fixture, the file and the text when the solution no longer has it', () => {
    assert.throws(
      () => materialiseFault(lab, 'faulty-stale'),
      /lab-99-test\/submissions\/faulty-stale: src\/b\.ts: "\\"c\\"" occurs 0 times/,
    );
  });
});

/**
 * Type-checks the edited files in place of the solution's (same paths, so the imports resolve as
 * they do for the solution): a fixture's fault is meant to be in its behaviour, and a fixture
 * that no longer compiles after a solution change would test something else.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

function typeErrors(lab: Lab, files: Map<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(REPO_ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  assert.ok(config, 'tsconfig.json');
  const byPath = new Map([...files].filter(([f]) => f.endsWith('.ts')).map(([f, text]) => [path.join(lab.dir, f), text]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (p, lang) => {
    const edited = byPath.get(path.resolve(p));
    if (edited !== undefined) return ts.createSourceFile(p, edited, lang);
    // Unedited files (the toolkit, node_modules types) are parsed once for all fixtures.
    let sf = parsed.get(p);
    if (!sf) parsed.set(p, (sf = getSourceFile(p, lang)));
    return sf;
  };
  const program = ts.createProgram({ rootNames: [...byPath.keys()], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.relative(REPO_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe("every lab's faulty fixtures", function () {
  this.timeout(300000); // one type-check program per fixture: 27 fixtures in lab 05 alone
  it('the type-check sees an error in an edited file, and in a lab file that imports it', () => {
    // A lab where one learner file imports another by a relative path.
    const found = listLabs(path.join(REPO_ROOT, 'solutions')).flatMap((lab) =>
      lab.config.files.flatMap((importer) => {
        if (!importer.endsWith('.ts')) return [];
        const text = fs.readFileSync(path.join(lab.dir, importer), 'utf8');
        const target = lab.config.files.find(
          (f) =>
            f !== importer &&
            f.endsWith('.ts') &&
            text.includes(`from './${path.relative(path.dirname(importer), f).replace(/\.ts$/, '')}'`),
        );
        return target ? [{ lab, importer, target }] : [];
      }),
    )[0];
    assert.ok(found, 'no lab has a learner file importing another');
    const { lab, importer, target } = found;
    const solution = new Map(lab.config.files.map((f) => [f, fs.readFileSync(path.join(lab.dir, f), 'utf8')]));
    assert.deepEqual(typeErrors(lab, solution), []);
    const inEdited = typeErrors(lab, new Map([...solution, [target, `${solution.get(target)}\nexport const probe: number = 'text';\n`]]));
    assert.ok(
      inEdited.some((e) => e.startsWith(path.relative(REPO_ROOT, path.join(lab.dir, target)))),
      inEdited.join('\n'),
    );
    const inImporter = typeErrors(lab, new Map([...solution, [target, 'export {};\n']]));
    assert.ok(
      inImporter.some((e) => e.startsWith(path.relative(REPO_ROOT, path.join(lab.dir, importer)))),
      inImporter.join('\n'),
    );
  });
  for (const lab of listLabs(path.join(REPO_ROOT, 'solutions'))) {
    const ids = listFaults(lab);
    if (ids.length === 0) continue;
    it(`${lab.config.id}: apply to the current solution and type-check (${ids.join(', ')})`, () => {
      for (const id of ids) {
        const files = materialiseFault(lab, id);
        assert.ok(
          lab.config.files.some((f) => files.get(f) !== fs.readFileSync(path.join(lab.dir, f), 'utf8')),
          `${id} differs from the solution`,
        );
        assert.deepEqual(typeErrors(lab, files), [], `${id} does not type-check`);
      }
    });
  }
});
