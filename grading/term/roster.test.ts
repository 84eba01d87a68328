import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRoster, rosterRowFor } from './roster';

describe('roster files', () => {
  let dir = '';
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-roster-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('reads CSV and JSON rows alike; a row for the lab wins over a row for every lab', () => {
    const csv = readRoster(
      write('r.csv', 'student,lab,submitted_at,extension_days\nal,,2025-10-01T10:00:00Z,1\nal,lab-01-x,2025-10-02T10:00:00+02:00,\n'),
    );
    const json = readRoster(
      write(
        'r.json',
        JSON.stringify([
          { student: 'al', submitted_at: '2025-10-01T10:00:00Z', extension_days: 1 },
          { student: 'al', lab: 'lab-01-x', submitted_at: '2025-10-02T10:00:00+02:00' },
        ]),
      ),
    );
    for (const rows of [csv, json]) {
      assert.equal(rosterRowFor(rows, 'al', 'lab-00-y')?.extension_days, 1);
      assert.equal(rosterRowFor(rows, 'al', 'lab-01-x')?.submitted_at?.toISOString(), '2025-10-02T08:00:00.000Z');
    }
  });
  it('names the file, row and field of a time without a zone', () => {
    assert.throws(() => readRoster(write('bad.csv', 'student,submitted_at\nal,2025-10-01T10:00:00Z\nbo,2025-10-01 10:00\n')), {
      message: /^bad\.csv: row 3, field "submitted_at": "2025-10-01 10:00" is not an ISO 8601 time with a zone/,
    });
  });
  it('names an unknown column, a negative extension, a missing student and a duplicate row', () => {
    assert.throws(() => readRoster(write('a.csv', 'student,submited_at\nal,x\n')), /a\.csv: row 2, field "submited_at": unknown field/);
    assert.throws(
      () => readRoster(write('b.csv', 'student,extension_days\nal,-1\n')),
      /b\.csv: row 2, field "extension_days": "-1" must be a number of days ≥ 0/,
    );
    assert.throws(
      () => readRoster(write('c.json', '[{"submitted_at": "2025-10-01T10:00:00Z"}]')),
      /c\.json: row 1, field "student": missing/,
    );
    assert.throws(() => readRoster(write('d.csv', 'student\nal\nal\n')), /d\.csv: row 3, field "student": al is also on row 2/);
    assert.throws(() => readRoster(write('e.csv', 'student,lab\nal\n')), /e\.csv: row 2: 1 cells, but the header has 2/);
  });
});
