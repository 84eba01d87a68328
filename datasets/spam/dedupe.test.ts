import assert from 'node:assert/strict';
import type { SpamLabel } from '../types';
import { bodyKey, dedupeBodies } from './dedupe';

const row = (id: string, period: 1 | 2, body: string, label: SpamLabel = 'ham') => ({
  id,
  period,
  body,
  label,
  group: id.split('/')[0] as string,
});

describe('dedupeBodies', () => {
  it('treats bodies that differ only in whitespace as duplicates', () => {
    assert.equal(bodyKey('  Free\n\nmoney \t now '), bodyKey('Free money now'));
  });

  it('keeps the first copy in period-then-id order, whatever the input order', () => {
    const rows = [row('spam-2/00001', 2, 'win big'), row('spam-1/00009', 1, 'win  big'), row('spam-1/00002', 1, 'win\nbig')];
    const { kept, removed } = dedupeBodies(rows);
    assert.deepEqual(
      kept.map((r) => r.id),
      ['spam-1/00002'],
    );
    assert.deepEqual(
      removed.map((r) => [r.row.id, r.keptId]),
      [
        ['spam-1/00009', 'spam-1/00002'],
        ['spam-2/00001', 'spam-1/00002'],
      ],
    );
  });

  it('reports duplicate sets whose copies carry different labels', () => {
    const rows = [
      row('easy-ham-1/00001', 1, 'same text', 'ham'),
      row('spam-2/00005', 2, 'same text', 'spam'),
      row('easy-ham-1/00002', 1, 'other'),
    ];
    const { conflicts } = dedupeBodies(rows);
    assert.deepEqual(conflicts, [{ kept: 'easy-ham-1/00001', removed: ['spam-2/00005'], labels: ['ham', 'spam'] }]);
  });

  it('keeps every row when all bodies differ', () => {
    const { kept, removed, conflicts } = dedupeBodies([row('a/1', 1, 'x'), row('a/2', 1, 'y')]);
    assert.equal(kept.length, 2);
    assert.equal(removed.length, 0);
    assert.equal(conflicts.length, 0);
  });
});
