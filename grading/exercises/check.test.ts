import assert from 'node:assert/strict';
import { closeTo, eventually, formatTolerance, formatValue, maxError, PROMISE_INSTEAD_OF_VALUE, satisfies } from './check';

type F = { f: (x: number) => number | number[] };

describe('exercise checks', () => {
  describe('maxError', () => {
    it('measures relative error as |a − b| / (|a| + |b|), floored at 1e-8', () => {
      assert.ok(Math.abs(maxError([1.1, 2], [1, 2], 'relative') - 0.1 / 2.1) < 1e-15);
      assert.equal(maxError([1e-12], [0], 'relative'), 1e-12 / 1e-8);
    });
    it('is NaN (never within a tolerance) for different lengths or a non-number', () => {
      assert.ok(Number.isNaN(maxError([1], [1, 2], 'relative')));
      assert.ok(Number.isNaN(maxError([NaN], [1], 'absolute')));
    });
  });

  describe('closeTo', () => {
    const check = closeTo<F>('doubles 2', { got: (fns) => fns.f(2), expected: 4, relative: 1e-6, hint: 'h' });
    it('passes within the tolerance and reports the error reached', () => {
      const outcome = check.judge({ f: (x) => x * 2 * (1 + 1e-9) });
      assert.equal(outcome.ok, true);
      assert.match(outcome.figure, /^max relative error 5\.0e-10 < 1e-6$/);
    });
    it('fails outside it, saying what was expected and what came back', () => {
      const outcome = check.judge({ f: (x) => x * 3 });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.expected, '[4] (max relative error < 1e-6)');
      assert.equal(outcome.got, '6 (max relative error 2.0e-1)');
    });
    it('fails when the result has the wrong number of values', () => {
      const vector = closeTo<F>('v', { got: (fns) => fns.f(1), expected: () => [1, 2], absolute: 1e-9, hint: 'h' });
      const outcome = vector.judge({ f: () => [1] });
      assert.equal(outcome.ok, false);
      assert.match(outcome.got, /1 values instead of 2/);
    });
    it('refuses a check without a positive tolerance', () => {
      assert.throws(() => closeTo<F>('x', { got: () => 1, expected: 1, hint: 'h' }), /positive relative or absolute tolerance/);
    });
  });

  describe('satisfies', () => {
    const check = satisfies<F, number>('is positive', {
      got: (fns) => fns.f(1) as number,
      test: (v) => v > 0,
      expected: 'a positive number',
      show: (v) => `value ${v}`,
      hint: 'h',
    });
    it('passes when the property holds, showing the value as the figure', () => {
      assert.deepEqual(check.judge({ f: () => 3 }), { ok: true, figure: 'value 3', expected: 'a positive number', got: 'value 3' });
    });
    it('fails when it does not', () => {
      assert.equal(check.judge({ f: () => -3 }).ok, false);
    });
  });

  describe('formatting', () => {
    it('writes small tolerances in exponent form', () => {
      assert.equal(formatTolerance(1e-6), '1e-6');
      assert.equal(formatTolerance(2.5e-9), '2.5e-9');
      assert.equal(formatTolerance(0.05), '0.05');
    });
    it('shows numbers to 6 significant digits and long vectors shortened', () => {
      assert.equal(formatValue(1 / 3), '0.333333');
      assert.equal(formatValue([1, 2.5]), '[1, 2.5]');
      assert.match(formatValue(Array.from({ length: 10 }, (_, i) => i)), /, … \(10 values\)\]$/);
    });
  });

  describe('a Promise where a value is expected', () => {
    type L = { train: () => unknown };
    const loss = closeTo<L>('one loss', { got: (f) => f.train() as number, expected: 0.5, absolute: 1e-6, hint: 'h' });
    const losses = satisfies<L, number[]>('losses fall', {
      got: (f) => [f.train(), f.train()] as number[],
      test: (l) => l[1]! < l[0]!,
      expected: 'a falling loss',
      hint: 'h',
    });

    it('fails with a message that names the Promise, not "not a number"', () => {
      const outcome = loss.judge({ train: async () => 0.5 });
      assert.deepEqual([outcome.ok, outcome.got], [false, PROMISE_INSTEAD_OF_VALUE]);
      assert.match(outcome.got, /did you forget await\?/);
    });

    it('finds a Promise among the items of an array, as when a training loop is called twice', () => {
      const outcome = losses.judge({ train: () => Promise.resolve(1) });
      assert.deepEqual([outcome.ok, outcome.got], [false, PROMISE_INSTEAD_OF_VALUE]);
    });

    it("handles the Promise's later rejection, so it cannot end the process", async () => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', listener);
      try {
        loss.judge({ train: () => new Promise((_, reject) => setTimeout(() => reject(new Error('second fit')), 1)) });
        await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        process.off('unhandledRejection', listener);
      }
      assert.deepEqual(unhandled, []);
    });
  });

  describe('eventually', () => {
    type A = { f: () => Promise<number> };
    const check = eventually<A, number>('answers 2', {
      got: (fns) => fns.f(),
      test: (v) => v === 2,
      expected: '2',
      hint: 'h',
      timeLimitMs: 500,
    });
    it("awaits the learner's work before testing it, and carries its time limit", async () => {
      assert.deepEqual(await check.judge({ f: async () => 2 }), { ok: true, figure: '2', expected: '2', got: '2' });
      assert.equal((await check.judge({ f: async () => 3 })).ok, false);
      assert.equal(check.timeLimitMs, 500);
    });
  });
});
