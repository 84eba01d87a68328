/**
 * Hidden checks for lesson 12's exercises: other designs, figures, replica counts and windows
 * than the lesson's, and the edges (an empty design, a read-only file in the container, a volume;
 * a run exactly at the budget, a target that is an exact multiple, a target of 0, runs out of
 * order; one replica, a parallelism above the replica count, a last batch smaller than the
 * others; exactly minSamples requests, a rate exactly at the allowance, stable with no requests,
 * errors before the samples are in).
 *
 * Left out on purpose: invalid arguments (a parallelism of 0, negative counts). The lesson's
 * functions document their ranges; what to do outside them is not the idea taught.
 */
import type { ExerciseChecks } from '../../../grading/exercises/check';
import {
  type CanaryDecision,
  type CanaryWindow,
  decides,
  type LoadRun,
  movesOut,
  type MustMoveOut,
  needs,
  type ReplicasNeeded,
  rollsAs,
  type RollingStates,
  RULE,
  type ServicePart,
} from '../../../notebooks/checks/nb-12';

const part = (name: string, lives: ServicePart['lives'], written: boolean, disposable = false): ServicePart => ({
  name,
  lives,
  written,
  disposable,
});

const stateChecks: ExerciseChecks<{ mustMoveOut: MustMoveOut }> = {
  id: 'nb-12.1',
  section: 'Why state must leave the container',
  uses: ['mustMoveOut'],
  checks: [
    movesOut('an empty design has nothing to move', [], [], 'return an empty list when there are no parts'),
    movesOut(
      'a shop: the carts in memory and the uploads on a volume move; the read-only config file and the session cache stay',
      [
        part('config file', 'container-file', false),
        part('shopping carts', 'memory', true),
        part('session cache', 'memory', true, true),
        part('uploaded images', 'volume', true),
        part('orders', 'shared-database', true),
        part('product photos', 'image', false),
      ],
      ['shopping carts', 'uploaded images'],
      'a volume is on one machine: replicas elsewhere never see it; a file only read is the same in every replica',
    ),
    movesOut(
      'a written part that is disposable stays, wherever it lives',
      [part('rendered pages', 'container-file', true, true), part('rate-limit counts', 'memory', true)],
      ['rate-limit counts'],
      'disposable parts (caches) may be lost with the replica',
    ),
  ],
};

const runs = (...xs: Array<[number, number]>): LoadRun[] => xs.map(([rps, p99Ms], i) => ({ connections: 8 * (i + 1), rps, p99Ms }));

const capacityChecks: ExerciseChecks<{ replicasNeeded: ReplicasNeeded }> = {
  id: 'nb-12.2',
  section: 'How many replicas?',
  uses: ['replicasNeeded'],
  checks: [
    needs(
      'a run exactly at the budget meets it',
      3000,
      runs([800, 20], [1500, 50], [1900, 120]),
      50,
      2,
      'a p99 equal to the budget is within it: use ≤, not <',
    ),
    needs(
      'a target that is an exact multiple of the capacity needs no extra replica',
      3000,
      runs([1500, 50]),
      60,
      2,
      'round up only what is left over: ceil(3000 / 1500) = 2',
    ),
    needs('a target of 0 still needs one replica', 0, runs([1500, 50]), 60, 1, 'a service runs at least one replica: return max(1, …)'),
    needs(
      'runs out of order: the fastest within budget is found wherever it is',
      4000,
      runs([1500, 50], [800, 20], [1900, 120]),
      60,
      3,
      'take the largest rps among the runs within the budget, not the last or the first',
    ),
    needs(
      'no runs at all is an error naming the budget',
      100,
      [],
      50,
      /50/,
      'with no run within the budget, throw an Error that names the budget',
    ),
  ],
};

const m = (old: number, next: number) => ({ old, next });

const rollingChecks: ExerciseChecks<{ rollingStates: RollingStates }> = {
  id: 'nb-12.3',
  section: 'Rolling updates',
  uses: ['rollingStates'],
  checks: [
    rollsAs('one replica, start-first', 1, 1, 'start-first', [m(1, 0), m(1, 1), m(0, 1)], 'start the new task, then stop the old one'),
    rollsAs(
      '3 replicas, 2 at a time, start-first: the last batch is one task',
      3,
      2,
      'start-first',
      [m(3, 0), m(3, 2), m(1, 2), m(1, 3), m(0, 3)],
      'batch = min(parallelism, replicas − next): the last step replaces what is left',
    ),
    rollsAs(
      'a parallelism above the replica count replaces everything in one step, stop-first',
      2,
      5,
      'stop-first',
      [m(2, 0), m(0, 0), m(0, 2)],
      'never stop or start more tasks than there are to replace',
    ),
    rollsAs(
      '4 replicas, 2 at a time, stop-first',
      4,
      2,
      'stop-first',
      [m(4, 0), m(2, 0), m(2, 2), m(0, 2), m(0, 4)],
      'stop-first: stop the batch, then start as many new tasks',
    ),
  ],
};

const win = (stable: [number, number], candidate: [number, number]): CanaryWindow => ({
  stable: { requests: stable[0], errors: stable[1] },
  candidate: { requests: candidate[0], errors: candidate[1] },
});

const canaryChecks: ExerciseChecks<{ canaryDecision: CanaryDecision }> = {
  id: 'nb-12.4',
  section: 'Canary and shadow',
  uses: ['canaryDecision'],
  checks: [
    decides(
      'exactly minSamples candidate requests: decide',
      win([1800, 0], [200, 0]),
      RULE,
      'promote',
      'wait only below minSamples; at minSamples, decide',
    ),
    decides(
      'errors before the samples are in: still wait',
      win([900, 0], [100, 30]),
      RULE,
      'wait',
      'check the sample count first: too few requests say nothing, bad or good',
    ),
    decides(
      'a rate exactly at stable’s plus the allowance: promote',
      win([1000, 10], [500, 10]),
      { minSamples: 200, maxErrorRateIncrease: 0.01 },
      'promote',
      'abort only when the candidate’s rate is strictly above stable’s + maxErrorRateIncrease',
    ),
    decides(
      'above the allowance: abort',
      win([1000, 10], [500, 11]),
      { minSamples: 200, maxErrorRateIncrease: 0.01 },
      'abort',
      'add the allowance to stable’s rate, then compare',
    ),
    decides(
      'stable answered nothing (share 1): its rate counts as 0',
      win([0, 0], [300, 1]),
      RULE,
      'abort',
      'an arm with no requests has error rate 0, not NaN',
    ),
  ],
};

export const exercises = [stateChecks, capacityChecks, rollingChecks, canaryChecks];
