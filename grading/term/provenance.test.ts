import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveLab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { graderRecord, submissionSha256 } from './provenance';

describe('reproducibility record', () => {
  it('hashes a folder submission by its contents, not by where it lies', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-prov-'));
    try {
      for (const d of ['one', 'two']) {
        fs.mkdirSync(path.join(dir, d, 'src'), { recursive: true });
        fs.writeFileSync(path.join(dir, d, 'src', 'a.ts'), 'x');
      }
      const sha = (d: string): string => submissionSha256({ id: d, path: path.join(dir, d), kind: 'folder' });
      assert.equal(sha('one'), sha('two'));
      fs.writeFileSync(path.join(dir, 'two', 'src', 'a.ts'), 'y');
      assert.notEqual(sha('one'), sha('two'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('names the grader by git commit or content hash, and differs between labs', () => {
    const [a, b] = ['lab-00', 'lab-01'].map((l) => graderRecord(resolveLab(path.join(REPO_ROOT, 'solutions'), l)));
    assert.match(a!.grader_version, /^(git:[0-9a-f]{40}(\+dirty)?|sha256:[0-9a-f]{64})$/);
    assert.notEqual(a!.grader_sha256, b!.grader_sha256);
    assert.equal(a!.node_version, process.version);
  });
});
