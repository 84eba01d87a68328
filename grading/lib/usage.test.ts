import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from './usage';

const OPTIONS = { out: { type: 'string' }, check: { type: 'boolean' }, jobs: { type: 'string', default: '4' } } as const;
const parse = (args: string[], allowPositionals = true) =>
  parseCommandLine({ args, options: OPTIONS, allowPositionals }, 'usage: tool [--out DIR]');

/** Matches a UsageError whose message matches `re`. */
const usageError =
  (re: RegExp) =>
  (e: unknown): boolean =>
    e instanceof UsageError && re.test(e.message);

describe('parseCommandLine', () => {
  it('reads values with a space or =, flags, defaults and positionals in any order', () => {
    const { values, positionals } = parse(['a', '--out', 'x', '--check', 'b', '--jobs=2']);
    assert.deepEqual({ ...values }, { out: 'x', check: true, jobs: '2' });
    assert.deepEqual(positionals, ['a', 'b']);
    assert.equal(parse([]).values.jobs, '4');
  });

  it('takes a dash-led value only when written with =', () => {
    assert.equal(parse(['--out=-x']).values.out, '-x');
    assert.throws(() => parse(['--out', '-x']), usageError(/^--out needs a value/));
  });

  it('names an unknown option, a missing or empty value and a valued flag, then the usage', () => {
    assert.throws(() => parse(['--outt', 'x']), usageError(/^unknown option --outt\nusage: tool/));
    assert.throws(() => parse(['--out']), usageError(/^--out needs a value\n/));
    assert.throws(() => parse(['--out=']), usageError(/^--out needs a value\n/));
    assert.throws(() => parse(['--check=yes']), usageError(/^--check takes no value\n/));
  });

  it('refuses positionals unless allowed', () => {
    assert.throws(() => parse(['stray'], false), usageError(/^unexpected argument "stray"/));
  });

  it('leaves the usage out when none is given', () => {
    assert.throws(() => parseCommandLine({ args: ['-z'], options: {} }), usageError(/^unknown option -z$/));
  });
});
