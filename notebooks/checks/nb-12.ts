/**
 * Checks for the exercises of lesson 12 (scaling out and rolling out). The checker cells of the
 * lesson run them: `grader.check('nb-12.1', mustMoveOut)`. None needs Docker: they give your
 * functions a service's parts, load-test figures, a replica count and canary counts, and compare
 * what comes back with what the course's stack and pipeline do.
 */
import { satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';

/** One part of a service's design, and where its data lives. */
export interface ServicePart {
  name: string;
  /**
   * `memory`: a variable of the process; `container-file`: a file in the container's own layer;
   * `volume`: a volume on one machine; `image`: baked into the image (the same in every replica);
   * `shared-database`: a database every replica reaches over the network.
   */
  lives: 'memory' | 'container-file' | 'volume' | 'image' | 'shared-database';
  /** The service writes it while it runs (rather than only reading it). */
  written: boolean;
  /** Losing it when a replica stops is harmless: a cache, a counter Prometheus reads per replica. */
  disposable: boolean;
}
export type MustMoveOut = (parts: ServicePart[]) => string[];

/** One load-test round against one replica. */
export interface LoadRun {
  /** Connections kept busy by the load generator. */
  connections: number;
  /** Requests answered per second. */
  rps: number;
  /** 99th-percentile latency, milliseconds. */
  p99Ms: number;
}
export type ReplicasNeeded = (targetRps: number, runs: LoadRun[], p99BudgetMs: number) => number;

/** Tasks of a service at one moment of a rolling update. */
export interface Moment {
  /** Tasks of the old version still running. */
  old: number;
  /** Tasks of the new version running. */
  next: number;
}
export type RollingStates = (replicas: number, parallelism: number, order: 'start-first' | 'stop-first') => Moment[];

export interface ArmCounts {
  requests: number;
  errors: number;
}
/** What a canary measured since it started, summed over every replica. */
export interface CanaryWindow {
  stable: ArmCounts;
  candidate: ArmCounts;
}
export interface CanaryRule {
  /** Candidate requests needed before deciding. */
  minSamples: number;
  /** How much higher the candidate's error rate may be than stable's (0: not worse). */
  maxErrorRateIncrease: number;
}
export type CanaryDecision = (window: CanaryWindow, rule: CanaryRule) => 'promote' | 'abort' | 'wait';

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** What `f` returned, or `threw: <message>`; an exercise's stub still throws, so it reads as not implemented. */
export function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && /^nb-\d+\.\d+: not implemented/.test(e.message)) throw e;
    return `threw: ${e instanceof Error ? e.message : String(e)}`;
  }
}

// ── nb-12.1 ────────────────────────────────────────────────────────────────────────────────────

type M = { mustMoveOut: MustMoveOut };

/** The reference service, part by part (the lesson's table). */
export const SERVICE_PARTS: ServicePart[] = [
  { name: 'model files', lives: 'image', written: false, disposable: false },
  { name: 'prediction log (SQLite)', lives: 'container-file', written: true, disposable: false },
  { name: 'canary window counts', lives: 'memory', written: true, disposable: false },
  { name: 'Prometheus counters', lives: 'memory', written: true, disposable: true },
  { name: 'tokenizer cache', lives: 'memory', written: true, disposable: true },
  { name: 'admin failed-login counts', lives: 'memory', written: true, disposable: false },
];

export function movesOut(name: string, parts: ServicePart[], want: string[], hint: string) {
  return satisfies<M, unknown>(name, {
    got: (f) => outcome(() => f.mustMoveOut(copy(parts))),
    test: (r) => show(r) === show(want),
    expected: show(want),
    show,
    hint,
  });
}

const stateChecks: ExerciseChecks<M> = {
  id: 'nb-12.1',
  section: 'Why state must leave the container',
  uses: ['mustMoveOut'],
  checks: [
    movesOut(
      "the reference service: the log, the canary's counts and the login counts, in the table's order",
      SERVICE_PARTS,
      ['prediction log (SQLite)', 'canary window counts', 'admin failed-login counts'],
      'keep the parts that are written, not disposable, and live in memory, a container file or a volume; keep their order',
    ),
    movesOut(
      'the same service once its log is in PostgreSQL: the log no longer has to move',
      SERVICE_PARTS.map((p) =>
        p.name.startsWith('prediction log') ? { ...p, name: 'prediction log (PostgreSQL)', lives: 'shared-database' as const } : p,
      ),
      ['canary window counts', 'admin failed-login counts'],
      'a shared database is already outside every replica',
    ),
  ],
};

// ── nb-12.2 ────────────────────────────────────────────────────────────────────────────────────

type R = { replicasNeeded: ReplicasNeeded };

/** The one-replica rounds of bench/results/replicas.md (32 connections each). */
export const ONE_REPLICA_RUNS: LoadRun[] = [
  { connections: 32, rps: 3272, p99Ms: 33 },
  { connections: 32, rps: 3004, p99Ms: 34 },
  { connections: 32, rps: 3073, p99Ms: 40 },
];

export function needs(name: string, target: number, runs: LoadRun[], budget: number, want: number | RegExp, hint: string) {
  return satisfies<R, unknown>(name, {
    got: (f) => outcome(() => f.replicasNeeded(target, copy(runs), budget)),
    test: (r) => (want instanceof RegExp ? typeof r === 'string' && want.test(r) : r === want),
    expected: want instanceof RegExp ? `an error matching ${want}` : String(want),
    show,
    hint,
  });
}

const capacityChecks: ExerciseChecks<R> = {
  id: 'nb-12.2',
  section: 'How many replicas?',
  uses: ['replicasNeeded'],
  checks: [
    needs(
      '5,000 req/s within 35 ms: one replica does 3,272 within budget, so 2',
      5000,
      ONE_REPLICA_RUNS,
      35,
      2,
      'capacity = the highest rps among runs whose p99 is within the budget; replicas = ceil(target / capacity)',
    ),
    needs(
      'a tighter budget (33.5 ms) leaves only the 3,272 round: 10,000 req/s needs 4',
      10000,
      ONE_REPLICA_RUNS,
      33.5,
      4,
      'ignore every run whose p99 is above the budget, however fast it was',
    ),
    needs(
      'a budget no run meets is an error that names the budget',
      1000,
      ONE_REPLICA_RUNS,
      20,
      /20/,
      'throw an Error naming the budget when no run stays within it: no replica count can promise it',
    ),
  ],
};

// ── nb-12.3 ────────────────────────────────────────────────────────────────────────────────────

type U = { rollingStates: RollingStates };

const m = (old: number, next: number): Moment => ({ old, next });

export function rollsAs(
  name: string,
  replicas: number,
  parallelism: number,
  order: 'start-first' | 'stop-first',
  want: Moment[],
  hint: string,
) {
  return satisfies<U, unknown>(name, {
    got: (f) => outcome(() => (f.rollingStates(replicas, parallelism, order) || []).map((x) => ({ old: x.old, next: x.next }))),
    test: (r) => show(r) === show(want),
    expected: show(want),
    show,
    hint,
  });
}

const rollingChecks: ExerciseChecks<U> = {
  id: 'nb-12.3',
  section: 'Rolling updates',
  uses: ['rollingStates'],
  checks: [
    rollsAs(
      'the stack file: 3 replicas, one at a time, start-first — never fewer than 3 serving',
      3,
      1,
      'start-first',
      [m(3, 0), m(3, 1), m(2, 1), m(2, 2), m(1, 2), m(1, 3), m(0, 3)],
      'start-first: start a batch of new tasks (next += batch), then stop as many old ones (old −= batch); begin with {old: 3, next: 0}',
    ),
    rollsAs(
      'stop-first, one at a time: capacity drops to 2 during each step',
      3,
      1,
      'stop-first',
      [m(3, 0), m(2, 0), m(2, 1), m(1, 1), m(1, 2), m(0, 2), m(0, 3)],
      'stop-first: stop a batch of old tasks first, then start as many new ones',
    ),
  ],
};

// ── nb-12.4 ────────────────────────────────────────────────────────────────────────────────────

type C = { canaryDecision: CanaryDecision };

export const RULE: CanaryRule = { minSamples: 200, maxErrorRateIncrease: 0 };

export function decides(name: string, window: CanaryWindow, rule: CanaryRule, want: 'promote' | 'abort' | 'wait', hint: string) {
  return satisfies<C, unknown>(name, {
    got: (f) => outcome(() => f.canaryDecision(copy(window), copy(rule))),
    test: (r) => r === want,
    expected: want,
    show,
    hint,
  });
}

const w = (stable: [number, number], candidate: [number, number]): CanaryWindow => ({
  stable: { requests: stable[0], errors: stable[1] },
  candidate: { requests: candidate[0], errors: candidate[1] },
});

const canaryChecks: ExerciseChecks<C> = {
  id: 'nb-12.4',
  section: 'Canary and shadow',
  uses: ['canaryDecision'],
  checks: [
    decides(
      'after a minute, 180 candidate requests: wait',
      w([1620, 0], [180, 0]),
      RULE,
      'wait',
      'below minSamples candidate requests, answer wait',
    ),
    decides(
      '420 candidate requests, no errors on either side: promote',
      w([3780, 0], [420, 0]),
      RULE,
      'promote',
      'enough samples and an error rate not above stable’s: promote',
    ),
    decides(
      '420 candidate requests, 3 errors against stable’s 0: abort',
      w([3780, 0], [420, 3]),
      RULE,
      'abort',
      'compare error rates (errors / requests), not error counts: 3/420 is above 0/3780',
    ),
    decides(
      'stable errs too: 4/4000 = 0.1 % against the candidate’s 1/1000 = 0.1 % is not worse: promote',
      w([4000, 4], [1000, 1]),
      RULE,
      'promote',
      'abort only when the candidate’s rate is above stable’s rate plus maxErrorRateIncrease',
    ),
    decides(
      'fewer errors, higher rate: 4/400 = 1 % against stable’s 8/4000 = 0.2 %: abort',
      w([4000, 8], [400, 4]),
      RULE,
      'abort',
      'compare error rates (errors / requests), not error counts',
    ),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [stateChecks, capacityChecks, rollingChecks, canaryChecks];

export const grader = createGrader('notebooks/checks/nb-12.ts', exercises);
