import assert from 'node:assert/strict';
import { referenceStatistics } from './reference';
import { driftReport } from './report';
import { ks2samp } from './ks';

/** Typed columns, so the numeric one reads back as a number; still assignable to `Row`. */
type TestRow = { length: number; prediction: string; group: string };

/** Deterministic rows: a numeric feature spread over [0, scale) + shift, and a 3-way category. */
function rows(n: number, shift = 0, spamEvery = 3): TestRow[] {
  return Array.from({ length: n }, (_, i) => ({
    length: ((i * 7919) % 10007) / 10 + shift,
    prediction: i % spamEvery === 0 ? 'spam' : 'ham',
    group: ['a', 'b', 'c'][i % 3],
  }));
}

describe('drift/referenceStatistics', () => {
  it('keeps every value of a small column, so KS on the reference equals KS on the raw data', () => {
    const ref = rows(300);
    const cur = rows(200, 15);
    const stats = referenceStatistics(ref);
    const col = stats.columns.length;
    assert.equal(col.type, 'num');
    if (col.type !== 'num') return;
    assert.equal(col.sample.length, 300);
    const report = driftReport(stats, cur);
    const raw = ks2samp(
      ref.map((r) => r.length),
      cur.map((r) => r.length),
    );
    assert.equal(report.columns.length.statistic, raw.statistic);
    assert.equal(report.columns.length.p_value, raw.pValue);
  });

  it('summarises large columns with a capped quantile sample, mean, std and quantiles', () => {
    const stats = referenceStatistics(rows(5000));
    const col = stats.columns.length;
    if (col.type !== 'num') throw new Error('expected a numeric column');
    assert.equal(col.rows, 5000);
    assert.equal(col.sample.length, 1000);
    assert.ok(
      col.sample.every((v, i) => i === 0 || v >= col.sample[i - 1]),
      'sample is sorted',
    );
    assert.ok(col.quantiles.p05 < col.quantiles.p50 && col.quantiles.p50 < col.quantiles.p95);
    assert.ok(Math.abs(col.mean - 500) < 5, `mean ${col.mean}`);
    assert.deepEqual(stats.columns.group, { type: 'cat', rows: 5000, counts: { a: 1667, b: 1667, c: 1666 } });
  });

  it('stays under 50 KB of JSON for 6 columns of 5000 rows, and survives a JSON round trip', () => {
    const wide = Array.from({ length: 5000 }, (_, i) => ({
      length: (i * 7919) % 10007,
      tokens: (i * 31) % 977,
      upper_share: ((i * 13) % 10000) / 10000,
      urls: i % 7,
      probability: ((i * 7907) % 10009) / 10009,
      prediction: i % 4 === 0 ? 'spam' : 'ham',
    }));
    const stats = referenceStatistics(wide);
    const json = JSON.stringify(stats);
    assert.ok(json.length <= 50_000, `reference is ${json.length} bytes`);
    assert.deepEqual(driftReport(JSON.parse(json), wide.slice(0, 500)), driftReport(stats, wide.slice(0, 500)));
  });

  it('rejects empty input, missing values and mixed types with the column named', () => {
    assert.throws(() => referenceStatistics([]), /at least one row/);
    assert.throws(() => referenceStatistics([{ x: 1 }, { x: NaN }]), /row 1, column 'x'.*NaN/);
    assert.throws(() => referenceStatistics([{ x: 1 }, { y: 2 }]), /row 1, column 'x'.*undefined/);
    assert.throws(() => referenceStatistics([{ x: 1 }, { x: 'a' }]), /column 'x' mixes numbers and strings/);
  });
});

describe('drift/driftReport', () => {
  it('finds no drift when current rows come from the same data', () => {
    const report = driftReport(referenceStatistics(rows(900)), rows(900).slice(0, 400));
    assert.equal(report.number_of_drifted_columns, 0);
    assert.equal(report.dataset_drift, false);
  });

  it('finds drift in shifted columns and calls the dataset drifted when half of them drift', () => {
    const report = driftReport(referenceStatistics(rows(900)), rows(400, 300, 2));
    assert.equal(report.columns.length.method, 'ks');
    assert.equal(report.columns.length.drifted, true);
    assert.equal(report.columns.prediction.method, 'z');
    assert.equal(report.columns.prediction.drifted, true);
    assert.equal(report.columns.group.method, 'chisquare');
    assert.equal(report.columns.group.drifted, false);
    assert.equal(report.number_of_drifted_columns, 2);
    assert.ok(Math.abs(report.share_of_drifted_columns - 2 / 3) < 1e-12);
    assert.equal(report.dataset_drift, true);
  });

  it('switches to distances when the reference has more than 1000 rows', () => {
    const at1000 = driftReport(referenceStatistics(rows(1000)), rows(300, 50));
    const at1001 = driftReport(referenceStatistics(rows(1001)), rows(300, 50));
    assert.deepEqual([at1000.columns.length.method, at1000.columns.group.method], ['ks', 'chisquare']);
    assert.deepEqual([at1001.columns.length.method, at1001.columns.group.method], ['wasserstein', 'jensenshannon']);
    assert.equal(at1001.columns.length.p_value, undefined);
    assert.equal(at1001.columns.length.threshold, 0.1);
    // A shift of 50 on a column with std ≈ 289 is ≈ 0.17 standard deviations: drift.
    assert.equal(at1001.columns.length.drifted, true);
  });

  it('rejects current rows that lack a column or change its type', () => {
    const stats = referenceStatistics(rows(50));
    assert.throws(() => driftReport(stats, []), /at least one current row/);
    assert.throws(() => driftReport(stats, [{ length: 1, prediction: 'ham' }]), /row 0, column 'group'/);
    assert.throws(() => driftReport(stats, [{ length: 'long', prediction: 'ham', group: 'a' }]), /'length' holds strings/);
    assert.throws(() => driftReport(stats, rows(5), { driftShare: 0 }), /driftShare/);
  });
});
