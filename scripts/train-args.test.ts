import assert from 'node:assert/strict';
import { parseTrainArgs } from './train-args';

describe('npm run train arguments', () => {
  it('defaults to version 1.0.0 in models/', () => {
    assert.deepEqual(parseTrainArgs([]), { version: '1.0.0', out: 'models', help: false });
  });
  it('reads --version and --out, with a space or =', () => {
    assert.deepEqual(parseTrainArgs(['--version', '1.2.0', '--out=/tmp/m']), { version: '1.2.0', out: '/tmp/m', help: false });
  });
  it('rejects a version that is not MAJOR.MINOR.PATCH', () => {
    assert.throws(() => parseTrainArgs(['--version', 'v2']), /MAJOR\.MINOR\.PATCH/);
  });
  it('rejects unknown flags and missing values by name', () => {
    assert.throws(() => parseTrainArgs(['--epochs', '3']), /unknown argument "--epochs"/);
    assert.throws(() => parseTrainArgs(['--out']), /--out needs a value/);
  });
});
