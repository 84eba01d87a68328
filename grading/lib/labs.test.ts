import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LabError, readLabConfig, resolveLab } from './labs';

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
      assert.throws(() => resolveLab(root, 'lab-07'), (e: Error) => e instanceof LabError && /unknown lab "lab-07"/.test(e.message) && /lab-00-warm-up/.test(e.message) && /lab-01-ship/.test(e.message));
    });
  });

  describe('readLabConfig', () => {
    it('fills defaults for timeouts, memory and visibility', () => {
      const c = readLabConfig(path.join(root, 'lab-00-warm-up', 'lab.json'));
      assert.deepEqual([c.timeouts.test_ms > 0, c.memory_mb, c.instructor_visibility, c.builds_on], [true, 1024, 'after_published', []]);
    });
    it('names the file and the field that is wrong', () => {
      const file = write('lab-02-bad', { id: 'lab-02-bad', title: 'Bad', files: ['../escape.ts'], max_score: 1 });
      assert.throws(() => readLabConfig(file), /lab-02-bad[/\\]lab\.json: "files"/);
    });
    it('rejects an id that differs from the folder', () => {
      const file = write('lab-03-x', { id: 'lab-03-y', title: 'X', files: ['a.ts'], max_score: 1 });
      assert.throws(() => readLabConfig(file), /must equal the folder name/);
    });
    it('reports JSON that does not parse', () => {
      fs.mkdirSync(path.join(root, 'lab-04-z'));
      fs.writeFileSync(path.join(root, 'lab-04-z', 'lab.json'), '{ nope');
      assert.throws(() => readLabConfig(path.join(root, 'lab-04-z', 'lab.json')), /cannot read as JSON/);
    });
  });
});
