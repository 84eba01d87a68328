import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPolicy, lateDays, parsePolicy } from './late';
import { readLedger, usedElsewhere, withLab, writeLedger } from './ledger';

const policy = parsePolicy(
  { due: { 'lab-00-x': '2025-10-01T23:59:00Z' }, grace_minutes: 10, penalty_per_day: 0.25, penalty_cap: 0.5, slip_days: 3 },
  'policy.json',
);
const due = policy.due['lab-00-x']!;
const at = (iso: string): Date => new Date(iso);

describe('late policy', () => {
  it('counts any part of a day after the deadline plus grace as a whole late day', () => {
    assert.equal(lateDays(at('2025-10-02T00:09:00Z'), due, 10), 0);
    assert.equal(lateDays(at('2025-10-02T00:10:00Z'), due, 10), 1);
    assert.equal(lateDays(at('2025-10-03T00:09:00Z'), due, 10), 1);
    assert.equal(lateDays(at('2025-10-03T00:10:00Z'), due, 10), 2);
  });
  it('spends slip days first, then takes the penalty per day up to the cap', () => {
    const o = applyPolicy(policy, { raw: 18, max: 20, submitted: at('2025-10-05T12:00:00Z'), due, extensionDays: 0, slipLeft: 1 });
    assert.deepEqual([o.late_days, o.slip_days_used, o.penalty, o.final_score], [4, 1, 10, 8]);
    assert.match(
      o.rule,
      /4 day\(s\) late; 1 slip day\(s\) used, 0 of 3 left for the term; penalty 3 day\(s\) × 25 % of 20 points, capped at 50 % = 10 points/,
    );
  });
  it('never takes a score below 0', () => {
    const o = applyPolicy(
      { ...policy, penalty_cap: 1 },
      { raw: 3, max: 20, submitted: at('2025-10-09T00:00:00Z'), due, extensionDays: 0, slipLeft: 0 },
    );
    assert.deepEqual([o.penalty, o.final_score], [20, 0]);
  });
  it('flags a submission without a time and gives no final score', () => {
    const o = applyPolicy(policy, { raw: 20, max: 20, due, extensionDays: 0, slipLeft: 3 }, 'no time on the roster');
    assert.deepEqual([o.final_score, o.late_days, o.flag], [undefined, undefined, 'no time on the roster']);
  });
  it('names the file and field of an invalid policy', () => {
    assert.throws(
      () => parsePolicy({ due: { 'lab-00-x': '2025-10-01' } }, 'p.json'),
      /p\.json: field "due\.lab-00-x": "2025-10-01" is not an ISO 8601 time with a zone/,
    );
    assert.throws(
      () => parsePolicy({ due: {}, penalty_per_day: 10 }, 'p.json'),
      /p\.json: field "penalty_per_day" must be a number from 0 to 1, got 10/,
    );
    assert.throws(() => parsePolicy({ due: {}, slip_day: 2 }, 'p.json'), /p\.json: field "slip_day": unknown/);
    assert.throws(() => parsePolicy({ due: {}, slip_days: 1.5 }, 'p.json'), /p\.json: field "slip_days" must be a whole number/);
  });
});

describe('term ledger', () => {
  it("replaces a lab's slip days when the lab is applied again, keeping the other labs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-ledger-'));
    const file = path.join(dir, 'ledger.json');
    try {
      assert.deepEqual(readLedger(file), { slip_days: {} });
      writeLedger(
        file,
        withLab(
          { slip_days: { al: { 'lab-01': 2, 'lab-00': 1 } } },
          'lab-00',
          new Map([
            ['al', 0],
            ['bo', 1],
          ]),
        ),
      );
      const l = readLedger(file);
      assert.deepEqual(l.slip_days, { al: { 'lab-01': 2 }, bo: { 'lab-00': 1 } });
      assert.equal(usedElsewhere(l, 'al', 'lab-00'), 2);
      fs.writeFileSync(file, '{"slip_days": {"al": {"lab-01": -1}}}');
      assert.throws(() => readLedger(file), /field "slip_days\.al\.lab-01" must be a whole number of days ≥ 0/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
