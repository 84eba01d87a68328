/**
 * The shadow path: the candidate scores a copy of each request stable answered, after the
 * answer has gone, and its answers are compared with stable's. Three rules keep the client safe:
 * the work runs later (never inside the request), it is bounded (at most `limit` requests wait;
 * past that, copies are dropped and counted), and whatever the candidate does (throws, returns
 * nonsense) is caught and counted, never passed to a client.
 */
import type { Prediction } from '../../../server-template/src/contracts';

/** A request stable answered, waiting for the candidate. */
export interface ShadowJob {
  texts: readonly string[];
  /** Stable's answers, one per text. */
  stable: readonly Prediction[];
}

/** The candidate's answers to one request against stable's. */
export interface ShadowComparison {
  /** Texts both called the same class (each at its own threshold). */
  agree: number;
  disagree: number;
  /** |candidate probability − stable probability|, one per text, each in [0, 1]. */
  differences: number[];
}

/** Where the shadow path reports (the release's window and its metrics). */
export interface ShadowListener {
  compared(comparison: ShadowComparison): void;
  /** A copy was not scored: the queue was full. */
  dropped(): void;
  /** The candidate threw or answered the wrong number of probabilities. */
  failed(error: unknown): void;
}

/** The candidate, as the shadow path sees it. */
export interface ShadowCandidate {
  threshold: number;
  /** @returns one spam probability in [0, 1] per text */
  predictProba(texts: string[]): number[];
}

export interface ShadowPath {
  /** Called as the answer is sent; returns at once. */
  submit(job: ShadowJob): void;
  /** Copies waiting. */
  pending(): number;
  /** Resolves once every copy submitted so far is scored (or dropped). */
  idle(): Promise<void>;
  /** Drop what waits and take no more (an abort or a promotion). */
  stop(): void;
}

export interface ShadowOptions {
  candidate: ShadowCandidate;
  /** Most copies waiting at once; more are dropped (and counted). */
  limit: number;
  listener: ShadowListener;
}

/**
 * Stable's answers against the candidate's probabilities for the same texts.
 * @param stable n predictions
 * @param candidate n probabilities in [0, 1]
 * @param threshold the candidate's own decision threshold
 * @throws when the lengths differ (a candidate answering the wrong number of texts)
 */
export function compareWithStable(stable: readonly Prediction[], candidate: readonly number[], threshold: number): ShadowComparison {
  if (candidate.length !== stable.length)
    throw new Error(`candidate returned ${candidate.length} probabilities for ${stable.length} texts`);
  void [threshold]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — one class per text for the candidate (spam at p >= threshold); count where it equals stable's prediction, and |p − stable's probability| per text");
}

/**
 * A shadow path that scores one copy per turn of the event loop (`setImmediate`): the answer
 * that submitted it is already written, and requests that arrive meanwhile are read between
 * two copies instead of after all of them.
 */
export function createShadowPath(options: ShadowOptions): ShadowPath {
  void [options]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — submit only queues the job (drop and count it past `limit` or after stop) and schedules the work with setImmediate; each turn scores one job inside try/catch (compared or failed), never on the request's own turn");
}
