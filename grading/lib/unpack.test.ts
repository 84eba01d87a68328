import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { checkFolder, InvalidSubmission, unpackTar, unpackZip } from './unpack';
import { makeZip } from './zip-writer';

describe('unpacking submissions', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-unpack-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const zip = (items: Parameters<typeof makeZip>[0]): string => {
    const file = path.join(dir, 'in.zip');
    fs.writeFileSync(file, makeZip(items));
    fs.mkdirSync(path.join(dir, 'out'));
    return file;
  };
  const invalid = (re: RegExp) => (e: unknown) => e instanceof InvalidSubmission && re.test(e.message);

  it('extracts a plain zip', async () => {
    await unpackZip(zip([{ name: 'src/a.ts', data: 'export const a = 1;\n' }]), path.join(dir, 'out'));
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'src', 'a.ts'), 'utf8'), 'export const a = 1;\n');
  });
  it('refuses a zip entry that climbs out with ../ (zip-slip) and writes nothing', async () => {
    const file = zip([
      { name: 'ok.ts', data: '' },
      { name: '../../evil.ts', data: 'x' },
    ]);
    await assert.rejects(unpackZip(file, path.join(dir, 'out')), invalid(/climbs out/));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), []);
    assert.ok(!fs.existsSync(path.join(dir, '..', 'evil.ts')));
  });
  it('refuses an absolute zip entry', async () => {
    await assert.rejects(unpackZip(zip([{ name: '/tmp/evil.ts', data: 'x' }]), path.join(dir, 'out')), invalid(/absolute path/));
  });
  it('refuses a symbolic link in a zip', async () => {
    await assert.rejects(unpackZip(zip([{ name: 'link', data: '/etc/passwd', mode: 0o120777 }]), path.join(dir, 'out')), invalid(/link/));
  });
  it('reports a file that is not a zip', async () => {
    const file = path.join(dir, 'x.zip');
    fs.writeFileSync(file, 'not a zip');
    await assert.rejects(unpackZip(file, dir), invalid(/not a readable \.zip/));
  });
  it('refuses a tar.gz holding a symbolic link', async () => {
    fs.mkdirSync(path.join(dir, 'src'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'src', 'passwd'));
    const file = path.join(dir, 'in.tar.gz');
    await tar.c({ file, gzip: true, cwd: dir }, ['src']);
    fs.mkdirSync(path.join(dir, 'out'));
    await assert.rejects(unpackTar(file, path.join(dir, 'out')), invalid(/SymbolicLink/));
  });
  it('extracts a plain tar.gz', async () => {
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'a');
    const file = path.join(dir, 'in.tar.gz');
    await tar.c({ file, gzip: true, cwd: dir }, ['src']);
    fs.mkdirSync(path.join(dir, 'out'));
    await unpackTar(file, path.join(dir, 'out'));
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'src', 'a.ts'), 'utf8'), 'a');
  });
  it('refuses a folder holding a symbolic link', () => {
    fs.symlinkSync('/etc', path.join(dir, 'etc'));
    assert.throws(() => checkFolder(dir), invalid(/"etc" is a symbolic link/));
  });
});
