import assert from 'node:assert/strict';
import { FileTimings, formatTimings } from './file-timings';

describe('FileTimings (where the test run spends its time)', () => {
  it("charges the gap before a file's first test to that file (its before hooks ran there)", () => {
    const t = new FileTimings(0);
    t.testStarts('a.test.ts', 's', 100); // a's before hook: 100 ms
    t.testEnds('a.test.ts', 's', 110);
    t.testStarts('b.test.ts', 's', 1110); // a's after hooks and b's before hooks: charged to b
    t.testEnds('b.test.ts', 's', 1120);
    t.testStarts('a.test.ts', 's', 1125);
    t.testEnds('a.test.ts', 's', 1130);
    assert.deepEqual(
      t.slowest(5).map((r) => [r.file, r.seconds]),
      [
        ['b.test.ts', 1.01],
        ['a.test.ts', 0.12],
      ],
    );
    const shares = t.slowest(5).map((r) => r.share);
    assert.ok(Math.abs(shares.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  });

  it('keeps only the n slowest, and never charges time backwards when clocks repeat', () => {
    const t = new FileTimings(50);
    t.testStarts('x', 's', 40); // earlier than the start: charged nothing
    t.testEnds('x', 's', 60);
    t.testStarts('y', 's', 90);
    t.testEnds('y', 's', 100);
    t.testStarts('z', 's', 101);
    t.testEnds('z', 's', 102);
    assert.deepEqual(
      t.slowest(2).map((r) => [r.file, r.seconds]),
      [
        ['y', 0.04],
        ['x', 0.01],
      ],
    );
  });

  it('reports a file with several top-level suites per suite (one per lab in the meta-tests)', () => {
    const t = new FileTimings(0);
    t.testStarts('meta.test.ts', 'lab-00', 300);
    t.testEnds('meta.test.ts', 'lab-00', 310);
    t.testStarts('meta.test.ts', 'lab-01', 1000);
    t.testEnds('meta.test.ts', 'lab-01', 1000);
    t.testStarts('one.test.ts', 'only', 1050);
    t.testEnds('one.test.ts', 'only', 1060);
    assert.deepEqual(
      t.slowest(5).map((r) => [r.file, r.seconds]),
      [
        ['meta.test.ts › lab-01', 0.69],
        ['meta.test.ts › lab-00', 0.31],
        ['one.test.ts', 0.06],
      ],
    );
  });

  it('formats one aligned line per file', () => {
    assert.deepEqual(formatTimings([{ file: 'grading/meta.test.ts', seconds: 412.34, share: 0.131 }]), [
      '   412.3 s  13.1 %  grading/meta.test.ts',
    ]);
  });
});
