import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPenguins } from './build-penguins';

describe('buildPenguins', () => {
  it('keeps all 344 rows with camelCase fields and counts missing values', () => {
    const { rows, summary } = buildPenguins();
    assert.equal(rows.length, 344);
    assert.deepEqual(Object.keys(rows[0]!), ['species', 'island', 'beakLengthMm', 'beakDepthMm', 'flipperLengthMm', 'bodyMassG', 'sex']);
    assert.deepEqual(summary.missing, {
      species: 0,
      island: 0,
      beakLengthMm: 2,
      beakDepthMm: 2,
      flipperLengthMm: 2,
      bodyMassG: 2,
      sex: 10,
    });
    assert.equal(rows.filter((r) => r.sex === '.').length, 1, 'the one "." sex entry is kept as in the source');
  });

  it('names the row and field of an unexpected value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'penguins-'));
    const file = path.join(dir, 'penguins.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          Species: 'Adelie',
          Island: 'Dream',
          'Beak Length (mm)': 'long',
          'Beak Depth (mm)': 1,
          'Flipper Length (mm)': 1,
          'Body Mass (g)': 1,
          Sex: null,
        },
      ]),
    );
    try {
      assert.throws(() => buildPenguins(file), /row 0: field "Beak Length \(mm\)" has unexpected value "long"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
