import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ancestorsOf, LabError, listLabs, readLabConfig, resolveLab } from './labs';

describe('labs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-labs-'));
  const write = (id: string, config: object): string => {
    fs.mkdirSync(path.join(root, id), { recursive: true });
    const file = path.join(root, id, 'lab.json');
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };
  before(() => {
    write('lab-00-warm-up', { id: 'lab-00-warm-up', title: 'Warm-up', files: ['src/a.ts'], max_score: 10 });
    write('lab-01-ship', { id: 'lab-01-ship', title: 'Ship', files: ['src/b.ts'], max_score: 5 });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('resolveLab', () => {
    for (const name of ['lab-01', '01', '1', 'lab-01-ship']) {
      it(`accepts "${name}"`, () => assert.equal(resolveLab(root, name).config.id, 'lab-01-ship'));
    }
    it('lists the labs when the name is unknown', () => {
      assert.throws(
        () => resolveLab(root, 'lab-07'),
        (e: Error) =>
          e instanceof LabError &&
          /unknown lab "lab-07"/.test(e.message) &&
          /lab-00-warm-up/.test(e.message) &&
          /lab-01-ship/.test(e.message),
      );
    });
  });

  describe('readLabConfig', () => {
    it('fills defaults for timeouts, memory and visibility', () => {
      const c = readLabConfig(path.join(root, 'lab-00-warm-up', 'lab.json'));
      assert.deepEqual([c.timeouts.test_ms > 0, c.memory_mb, c.instructor_visibility, c.builds_on], [true, 1024, 'after_published', []]);
    });
    it('names the file and the field that is wrong', () => {
      const file = write('lab-02-bad', { id: 'lab-02-bad', title: 'Bad', files: ['../escape.ts'], max_score: 1 });
      assert.throws(() => readLabConfig(file), /lab-02-bad[/\\]lab\.json: "files\[0\]" must be a path inside the lab folder/);
    });
    it('refuses a memory limit that is not a whole number of MiB (16 or more)', () => {
      const base = { id: 'lab-06-mem', title: 'M', files: ['a.ts'], max_score: 1 };
      for (const memory_mb of [0, 8, 512.5, '512', null]) {
        const file = write('lab-06-mem', { ...base, memory_mb });
        assert.throws(
          () => readLabConfig(file),
          /lab-06-mem[/\\]lab\.json: "memory_mb" must be a whole number of MiB, at least 16/,
          JSON.stringify(memory_mb),
        );
      }
      assert.equal(readLabConfig(write('lab-06-mem', { ...base, memory_mb: 256 })).memory_mb, 256);
    });
    it('names a bad timeout, a bad visibility and a misspelt field', () => {
      const base = { id: 'lab-07-t', title: 'T', files: ['a.ts'], max_score: 1 };
      const problem = (extra: object): string => {
        try {
          readLabConfig(write('lab-07-t', { ...base, ...extra }));
          return 'accepted';
        } catch (e) {
          return (e as Error).message.replace(/^.*lab\.json: /, '');
        }
      };
      assert.equal(problem({ timeouts: { test_ms: 0, submission_s: 60 } }), '"timeouts.test_ms" must be a positive number of milliseconds');
      assert.equal(problem({ instructor_visibility: 'public' }), '"instructor_visibility" must be "after_published" or "hidden"');
      assert.equal(problem({ memory: 512 }), 'unknown field "memory"');
      assert.equal(problem({ max_score: -1, title: '' }), '"title" must be a non-empty string; "max_score" must be a positive number');
    });
    it('rejects an id that differs from the folder', () => {
      const file = write('lab-03-x', { id: 'lab-03-y', title: 'X', files: ['a.ts'], max_score: 1 });
      assert.throws(() => readLabConfig(file), /must equal the folder name/);
    });
    it('refuses a builds_on that is not a list of lab ids, or names the lab itself', () => {
      const file = write('lab-05-self', { id: 'lab-05-self', title: 'S', files: ['a.ts'], max_score: 1, builds_on: 'lab-00-warm-up' });
      assert.throws(() => readLabConfig(file), /lab-05-self[/\\]lab\.json: "builds_on" must be a list of lab ids/);
      write('lab-05-self', { id: 'lab-05-self', title: 'S', files: ['a.ts'], max_score: 1, builds_on: ['lab-05-self'] });
      assert.throws(() => readLabConfig(file), /"builds_on" names the lab itself/);
    });
    it('reports JSON that does not parse', () => {
      fs.mkdirSync(path.join(root, 'lab-04-z'));
      fs.writeFileSync(path.join(root, 'lab-04-z', 'lab.json'), '{ nope');
      assert.throws(() => readLabConfig(path.join(root, 'lab-04-z', 'lab.json')), /cannot read as JSON/);
    });
  });

  describe('builds_on across labs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-chain-'));
    const lab = (id: string, builds_on: string[]): void => {
      fs.mkdirSync(path.join(dir, id), { recursive: true });
      fs.writeFileSync(path.join(dir, id, 'lab.json'), JSON.stringify({ id, title: id, files: ['a.ts'], max_score: 1, builds_on }));
    };
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('gives every lab built on, directly or not, in order', () => {
      lab('lab-01-a', []);
      lab('lab-02-b', ['lab-01-a']);
      lab('lab-03-c', ['lab-02-b']);
      assert.deepEqual(
        ancestorsOf(listLabs(dir), 'lab-03-c').map((l) => l.config.id),
        ['lab-01-a', 'lab-02-b'],
      );
    });
    it('stops listing labs when one builds on an unknown lab, naming both', () => {
      lab('lab-04-d', ['lab-09-missing']);
      assert.throws(() => listLabs(dir), /lab-04-d\/lab\.json: "builds_on" names "lab-09-missing", which is not a lab here/);
      fs.rmSync(path.join(dir, 'lab-04-d'), { recursive: true });
    });
    it('reports a cycle with its path', () => {
      lab('lab-01-a', ['lab-03-c']);
      assert.throws(() => listLabs(dir), /"builds_on" makes a cycle: lab-01-a → lab-03-c → lab-02-b → lab-01-a/);
    });
  });
});
