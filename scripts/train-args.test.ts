import assert from 'node:assert/strict';
import { UsageError } from '../grading/lib/usage';
import { parseTrainArgs } from './train-args';

/** Matches a UsageError whose message matches `re` (train prints its usage for those only). */
const usage =
  (re: RegExp) =>
  (e: unknown): boolean =>
    e instanceof UsageError && re.test(e.message);

describe('npm run train arguments', () => {
  it('defaults to version 1.0.0 in models/', () => {
    assert.deepEqual(parseTrainArgs([]), { version: '1.0.0', out: 'models', help: false });
  });
  it('reads --version and --out, with a space or =', () => {
    assert.deepEqual(parseTrainArgs(['--version', '1.2.0', '--out=/tmp/m']), { version: '1.2.0', out: '/tmp/m', help: false });
  });
  it('reads -h and --help', () => {
    assert.equal(parseTrainArgs(['-h']).help, true);
    assert.equal(parseTrainArgs(['--help']).help, true);
  });
  it('rejects a version that is not MAJOR.MINOR.PATCH, as a usage error', () => {
    assert.throws(() => parseTrainArgs(['--version', 'v2']), usage(/--version must be MAJOR\.MINOR\.PATCH/));
  });
  it('rejects unknown flags, missing values and stray words by name, as usage errors', () => {
    assert.throws(() => parseTrainArgs(['--epochs', '3']), usage(/unknown option --epochs/));
    assert.throws(() => parseTrainArgs(['--out']), usage(/--out needs a value/));
    assert.throws(() => parseTrainArgs(['--version=']), usage(/--version needs a value/));
    assert.throws(() => parseTrainArgs(['models']), usage(/unexpected argument "models"/));
  });
});
