import assert from 'node:assert/strict';
import { UsageError } from '../../grading/lib/usage';
import { parsePipelineArgs } from './args';

const usage =
  (re: RegExp) =>
  (e: unknown): boolean =>
    e instanceof UsageError && re.test(e.message);

describe('npm run pipeline arguments', () => {
  it('defaults to the spam stack, seed 0, every step, a 10 % canary', () => {
    const a = parsePipelineArgs([]);
    assert.equal(a.stack, 'spam');
    assert.equal(a.seed, 0);
    assert.equal(a.until, undefined);
    assert.equal(a.dryRun, false);
    assert.equal(a.share, 0.1);
    assert.equal(a.minSamples, 200);
  });
  it('reads --dry-run, --until, --stack, --seed and the canary settings', () => {
    const a = parsePipelineArgs(['--dry-run', '--until', 'smoke', '--stack=shop', '--seed', '7', '--share', '0.5', '--min-samples', '40']);
    assert.deepEqual([a.dryRun, a.until, a.stack, a.seed, a.share, a.minSamples], [true, 'smoke', 'shop', 7, 0.5, 40]);
  });
  it('rejects an --until that is not a step, naming the steps', () => {
    assert.throws(() => parsePipelineArgs(['--until', 'deploy']), usage(/--until must be one of served, train, .*decide, got "deploy"/));
  });
  it('rejects a share outside (0, 1], a negative seed and a version that is not MAJOR.MINOR.PATCH', () => {
    assert.throws(() => parsePipelineArgs(['--share', '0']), usage(/--share must be a number in \(0, 1\]/));
    assert.throws(() => parsePipelineArgs(['--share', '1.5']), usage(/--share/));
    assert.throws(() => parsePipelineArgs(['--seed=-1']), usage(/--seed must be an integer ≥ 0/));
    assert.throws(() => parsePipelineArgs(['--version', 'v2']), usage(/--version must be MAJOR\.MINOR\.PATCH/));
    assert.throws(() => parsePipelineArgs(['--watch-seconds', '0']), usage(/--watch-seconds must be an integer ≥ 1/));
  });
  it('rejects unknown flags and stray words by name', () => {
    assert.throws(() => parsePipelineArgs(['--fast']), usage(/unknown option --fast/));
    assert.throws(() => parsePipelineArgs(['spam']), usage(/unexpected argument "spam"/));
  });
});
