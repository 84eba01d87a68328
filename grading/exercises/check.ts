/**
 * Checks for notebook exercises: each compares what a learner's function returns with an
 * expected value (within a tolerance) or a property, and says in one line what it found.
 *
 * Imported by lessons through the tslab kernel, so it compiles with TypeScript 5.0 without
 * `strict` (see CONTRIBUTING.md): no narrowing that needs strictNullChecks.
 */

/** A check's verdict on one run of the learner's code, in words a ✓/✗ line can print. */
export interface Outcome {
  ok: boolean;
  /** The figure reached, shown after ✓: "max relative error 3e-11 < 1e-6". */
  figure: string;
  expected: string;
  got: string;
}

/** One check of an exercise. `F` holds the learner's functions by name. */
export interface Check<F> {
  name: string;
  /** Where to look when it fails; printed after "hint:". */
  hint: string;
  /** What a right answer looks like, for a ✗ line when the learner's code throws. */
  describeExpected(): string;
  /**
   * Calls the learner's functions and judges the result; lets what they throw through. An
   * asynchronous check (a server to start, a request to send) returns a Promise, which the
   * runner awaits for at most `timeLimitMs`.
   */
  judge(fns: F): Outcome | Promise<Outcome>;
  /** How long the runner waits for an asynchronous judge, ms (default: the runner's limit). */
  timeLimitMs?: number;
}

/** A check whose verdict is ready as soon as the learner's function returns. */
export interface SyncCheck<F> extends Check<F> {
  judge(fns: F): Outcome;
}

/** A thenable: what an `async` function or a pending library call such as `model.fit` returns. */
export function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** What a ✗ line says when a value was expected and a Promise came back. */
export const PROMISE_INSTEAD_OF_VALUE = 'returned a Promise where a value is expected: did you forget await?';

/**
 * Whether `value`, or one of its items when it is an array (the losses of several calls), is a
 * Promise. Each one found gets a rejection handler: the learner's pending work may fail after the
 * check has moved on, and an unhandled rejection would end a test process or fill a kernel's log.
 */
export function holdsPromise(value: unknown): boolean {
  const found = (Array.isArray(value) ? value : [value]).filter(isPromise);
  for (const p of found) p.then(undefined, () => undefined);
  return found.length > 0;
}

/** The checks of one exercise, public (`notebooks/checks/`) or hidden (`solutions/notebooks/checks/`). */
export interface ExerciseChecks<F> {
  /** `nb-NN.K`, as declared in the lesson's exercise cell. */
  id: string;
  /** The lesson section that explains the exercise: ✗ lines send the learner there. */
  section: string;
  /** Names of the learner's functions the checks call, as the checker cell passes them. */
  uses: Array<keyof F & string>;
  checks: Array<Check<F>>;
}

/** Numbers as a reader wants them: integers whole, others to 6 significant digits. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map(formatValue);
    return `[${shown.join(', ')}${value.length > 8 ? `, … (${value.length} values)` : ''}]`;
  }
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** A tolerance as people write it: 1e-6 rather than 0.000001. */
export function formatTolerance(t: number): string {
  return t < 1e-3
    ? t
        .toExponential()
        .replace(/\.?0*e/, 'e')
        .replace('e+', 'e')
    : String(t);
}

function toArray(value: number | readonly number[]): number[] {
  return typeof value === 'number' ? [value] : Array.from(value);
}

/**
 * Largest error between two vectors: relative as CS231n measures it, |a − b| / max(1e-8, |a| + |b|),
 * or absolute. NaN (never below a tolerance) when the lengths differ or a value is not a number.
 */
export function maxError(got: readonly number[], expected: readonly number[], kind: 'relative' | 'absolute'): number {
  if (got.length !== expected.length) return NaN;
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const a = got[i];
    const b = expected[i];
    if (typeof a !== 'number' || Number.isNaN(a)) return NaN;
    const diff = Math.abs(a - b);
    const error = kind === 'relative' ? diff / Math.max(1e-8, Math.abs(a) + Math.abs(b)) : diff;
    worst = Math.max(worst, error);
  }
  return worst;
}

export interface CloseToSpec<F> {
  hint: string;
  /** The learner's result: one number or a vector. */
  got: (fns: F) => number | readonly number[];
  /** The right answer, or how the course computes it (finite differences, a reference). */
  expected: number | readonly number[] | (() => number | readonly number[]);
  /** Tolerance on the largest relative error; give this or `absolute`. */
  relative?: number;
  absolute?: number;
}

/** A check that the learner's numbers equal the expected ones within a tolerance. */
export function closeTo<F>(name: string, spec: CloseToSpec<F>): SyncCheck<F> {
  const kind = spec.relative !== undefined ? 'relative' : 'absolute';
  const tolerance = spec.relative !== undefined ? spec.relative : spec.absolute;
  if (tolerance === undefined || !(tolerance > 0)) throw new Error(`check "${name}": give a positive relative or absolute tolerance`);
  const expected = (): number[] => toArray(typeof spec.expected === 'function' ? spec.expected() : spec.expected);
  const limit = formatTolerance(tolerance);
  return {
    name,
    hint: spec.hint,
    describeExpected: () => `${formatValue(expected())} (max ${kind} error < ${limit})`,
    judge(fns) {
      const want = expected();
      const raw = spec.got(fns);
      if (holdsPromise(raw))
        return {
          ok: false,
          figure: PROMISE_INSTEAD_OF_VALUE,
          expected: `${formatValue(want)} (max ${kind} error < ${limit})`,
          got: PROMISE_INSTEAD_OF_VALUE,
        };
      const got = typeof raw === 'number' ? [raw] : raw && typeof raw.length === 'number' ? Array.from(raw) : [];
      const error = maxError(got, want, kind);
      const ok = error < tolerance;
      const measured = Number.isNaN(error)
        ? got.length !== want.length
          ? `${got.length} values instead of ${want.length}`
          : 'not a number'
        : `max ${kind} error ${error.toExponential(1)}`;
      return {
        ok,
        figure: `${measured} < ${limit}`,
        expected: `${formatValue(want)} (max ${kind} error < ${limit})`,
        got: `${formatValue(raw)} (${measured})`,
      };
    },
  };
}

export interface SatisfiesSpec<F, T> {
  hint: string;
  got: (fns: F) => T;
  /** The property in words, printed as "expected …". */
  expected: string;
  test: (got: T) => boolean;
  /** How to show the result; also the figure after ✓. Defaults to the value itself. */
  show?: (got: T) => string;
}

function verdict<T>(spec: Pick<SatisfiesSpec<unknown, T>, 'test' | 'expected' | 'show'>, got: T): Outcome {
  const show = spec.show || ((v: T): string => formatValue(v));
  return { ok: spec.test(got) === true, figure: show(got), expected: spec.expected, got: show(got) };
}

/** A check that the learner's result has a property (lowers the loss, leaves its inputs alone…). */
export function satisfies<F, T>(name: string, spec: SatisfiesSpec<F, T>): SyncCheck<F> {
  return {
    name,
    hint: spec.hint,
    describeExpected: () => spec.expected,
    judge(fns) {
      const got = spec.got(fns);
      if (holdsPromise(got)) return { ok: false, figure: PROMISE_INSTEAD_OF_VALUE, expected: spec.expected, got: PROMISE_INSTEAD_OF_VALUE };
      return verdict(spec, got);
    },
  };
}

export interface EventuallySpec<F, T> extends Omit<SatisfiesSpec<F, T>, 'got'> {
  /** Starts the learner's work (a server, a request) and resolves to what it gave. */
  got: (fns: F) => Promise<T>;
  /** How long the runner waits for `got`, ms. */
  timeLimitMs?: number;
}

/**
 * `satisfies` for work that takes its time: `got` is awaited (within the check's time limit),
 * then its result is tested. For a server, `got` should close what it started whatever happens.
 */
export function eventually<F, T>(name: string, spec: EventuallySpec<F, T>): Check<F> {
  return {
    name,
    hint: spec.hint,
    timeLimitMs: spec.timeLimitMs,
    describeExpected: () => spec.expected,
    judge: async (fns) => verdict(spec, await spec.got(fns)),
  };
}
