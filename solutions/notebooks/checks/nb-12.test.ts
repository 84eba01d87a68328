/**
 * Lesson 12's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-12';
import type { CanaryDecision, Moment, MustMoveOut, ReplicasNeeded, RollingStates } from '../../../notebooks/checks/nb-12';
import * as hidden from './nb-12';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

const failures = failuresIn(shown.exercises, hidden.exercises);

type StateMistake = 'none' | 'ignores-written' | 'ignores-disposable' | 'volume-is-fine' | 'sorted' | 'everything-written';
function mustMoveOut(mistake: StateMistake = 'none'): MustMoveOut {
  return (parts) => {
    const inside = mistake === 'volume-is-fine' ? ['memory', 'container-file'] : ['memory', 'container-file', 'volume'];
    const kept = parts.filter(
      (p) =>
        (mistake === 'ignores-written' || p.written) &&
        (mistake === 'ignores-disposable' || !p.disposable) &&
        (mistake === 'everything-written' || inside.includes(p.lives)),
    );
    const names = kept.map((p) => p.name);
    return mistake === 'sorted' ? names.sort() : names;
  };
}

type CapacityMistake = 'none' | 'strict-budget' | 'floor' | 'last-run' | 'no-minimum' | 'ignores-budget' | 'no-throw';
function replicasNeeded(mistake: CapacityMistake = 'none'): ReplicasNeeded {
  return (target, runs, budget) => {
    const within = runs.filter((r) =>
      mistake === 'ignores-budget' ? true : mistake === 'strict-budget' ? r.p99Ms < budget : r.p99Ms <= budget,
    );
    if (within.length === 0) {
      if (mistake === 'no-throw') return Number.POSITIVE_INFINITY;
      throw new Error(`no run kept p99 within ${budget} ms`);
    }
    const capacity = mistake === 'last-run' ? within[within.length - 1]!.rps : Math.max(...within.map((r) => r.rps));
    const n = mistake === 'floor' ? Math.floor(target / capacity) + 1 : Math.ceil(target / capacity);
    return mistake === 'no-minimum' ? n : Math.max(1, n);
  };
}

type RollingMistake = 'none' | 'ignores-order' | 'no-first' | 'full-last-batch' | 'one-moment-per-step';
function rollingStates(mistake: RollingMistake = 'none'): RollingStates {
  return (replicas, parallelism, order) => {
    let old = replicas;
    let next = 0;
    const moments: Moment[] = mistake === 'no-first' ? [] : [{ old, next }];
    while (next < replicas) {
      const batch = mistake === 'full-last-batch' ? parallelism : Math.min(parallelism, replicas - next);
      const startFirst = mistake === 'ignores-order' || order === 'start-first';
      if (mistake === 'one-moment-per-step') {
        next += batch;
        old -= batch;
        moments.push({ old, next });
        continue;
      }
      for (const action of startFirst ? ['start', 'stop'] : ['stop', 'start']) {
        if (action === 'start') next += batch;
        else old -= batch;
        moments.push({ old, next });
      }
    }
    return moments;
  };
}

type CanaryMistake =
  | 'none'
  | 'counts-not-rates'
  | 'strict-samples'
  | 'abort-at-allowance'
  | 'errors-first'
  | 'nan-rate'
  | 'ignores-allowance';
function canaryDecision(mistake: CanaryMistake = 'none'): CanaryDecision {
  return (w, rule) => {
    const rate = (a: { requests: number; errors: number }) =>
      mistake === 'nan-rate' ? a.errors / a.requests : a.requests === 0 ? 0 : a.errors / a.requests;
    const allowance = mistake === 'ignores-allowance' ? 0 : rule.maxErrorRateIncrease;
    if (mistake === 'errors-first' && w.candidate.errors > 0 && rate(w.candidate) > rate(w.stable)) return 'abort';
    if (mistake === 'strict-samples' ? w.candidate.requests <= rule.minSamples : w.candidate.requests < rule.minSamples) return 'wait';
    if (mistake === 'counts-not-rates') return w.candidate.errors > w.stable.errors ? 'abort' : 'promote';
    const worse =
      mistake === 'abort-at-allowance' ? rate(w.candidate) >= rate(w.stable) + allowance : rate(w.candidate) > rate(w.stable) + allowance;
    return worse ? 'abort' : 'promote';
  };
}

describe('lesson 12 exercise checks', () => {
  it('the reference answers pass every public and hidden check', () => {
    assert.deepEqual(failures('nb-12.1', { mustMoveOut: mustMoveOut() }), []);
    assert.deepEqual(failures('nb-12.2', { replicasNeeded: replicasNeeded() }), []);
    assert.deepEqual(failures('nb-12.3', { rollingStates: rollingStates() }), []);
    assert.deepEqual(failures('nb-12.4', { canaryDecision: canaryDecision() }), []);
  });

  for (const mistake of ['ignores-written', 'ignores-disposable', 'volume-is-fine', 'sorted', 'everything-written'] as const) {
    it(`nb-12.1 catches the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-12.1', { mustMoveOut: mustMoveOut(mistake) }).length > 0);
    });
  }
  for (const mistake of ['strict-budget', 'floor', 'last-run', 'no-minimum', 'ignores-budget', 'no-throw'] as const) {
    it(`nb-12.2 catches the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-12.2', { replicasNeeded: replicasNeeded(mistake) }).length > 0);
    });
  }
  for (const mistake of ['ignores-order', 'no-first', 'full-last-batch', 'one-moment-per-step'] as const) {
    it(`nb-12.3 catches the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-12.3', { rollingStates: rollingStates(mistake) }).length > 0);
    });
  }
  for (const mistake of [
    'counts-not-rates',
    'strict-samples',
    'abort-at-allowance',
    'errors-first',
    'nan-rate',
    'ignores-allowance',
  ] as const) {
    it(`nb-12.4 catches the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-12.4', { canaryDecision: canaryDecision(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch the mistakes the lesson warns about', () => {
    assert.ok(failures('nb-12.1', { mustMoveOut: mustMoveOut('ignores-disposable') }, shown.exercises).length > 0);
    assert.ok(failures('nb-12.2', { replicasNeeded: replicasNeeded('ignores-budget') }, shown.exercises).length > 0);
    assert.ok(failures('nb-12.3', { rollingStates: rollingStates('ignores-order') }, shown.exercises).length > 0);
    assert.ok(failures('nb-12.4', { canaryDecision: canaryDecision('counts-not-rates') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    for (const [i, id, fn] of [
      [0, 'nb-12.1', 'mustMoveOut'],
      [1, 'nb-12.2', 'replicasNeeded'],
      [2, 'nb-12.3', 'rollingStates'],
      [3, 'nb-12.4', 'canaryDecision'],
    ] as const) {
      assertStubFailsEveryCheck(failures, id, fn, shown.exercises[i]!.checks.length + hidden.exercises[i]!.checks.length);
    }
  });
});
