import assert from 'node:assert/strict';
import { parseCsv, safeCell, toCsv } from './csv';

describe('term csv', () => {
  it("parses quoted cells with commas, doubled quotes and line breaks, keeping each row's first line", () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    assert.deepEqual(
      rows.map((r) => r.cells),
      [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
        ['two\nlines', 'z'],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 4],
    );
  });
  it('round-trips what it writes', () => {
    const rows = [
      ['id', 'note'],
      ['al', 'a, "b"\nc'],
    ];
    assert.deepEqual(
      parseCsv(toCsv(rows)).map((r) => r.cells),
      rows,
    );
  });
  it('defuses cells a spreadsheet would run as formulas, but not negative numbers', () => {
    assert.equal(safeCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(safeCell('-3.5'), '-3.5');
    assert.equal(safeCell(-2), '-2');
  });
});
