import assert from 'node:assert/strict';
import { compareVersions, VERSION_FOLDER } from '../lab-01-ship-the-model/src/registry';
import { versionForMonth } from './versions';

describe('versionForMonth', () => {
  it('names a model after its last training month as YEAR.MONTH.N', () => {
    assert.equal(versionForMonth(Date.UTC(2010, 4, 31, 23, 59)), '2010.5.0');
    assert.equal(versionForMonth(Date.UTC(2010, 11, 1), 2), '2010.12.2');
  });

  it('gives names the registry accepts and orders in time', () => {
    const names = [Date.UTC(2010, 11, 1), Date.UTC(2010, 1, 1), Date.UTC(2011, 0, 1)].map((ts) => versionForMonth(ts));
    for (const name of names) assert.match(name, VERSION_FOLDER);
    assert.deepEqual([...names].sort(compareVersions), ['2010.2.0', '2010.12.0', '2011.1.0']);
  });

  it('refuses a timestamp that is not a number and a negative rebuild', () => {
    assert.throws(() => versionForMonth(Number.NaN), /epoch ms/);
    assert.throws(() => versionForMonth(0, -1), /rebuild/);
  });
});
