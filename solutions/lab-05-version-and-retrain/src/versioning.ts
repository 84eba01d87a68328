import type { LoadedModel, ModelRegistry, ModelSource, SwapResult } from '../../../server-template/src/contracts';
// BEGIN SOLUTION hint: you will throw HttpError for load failures (422) and an empty history (409)
import { HttpError } from '../../../server-template/src/errors';
// END SOLUTION

/**
 * The rule a candidate must pass before it serves: `check` returns when the candidate may
 * replace `current`, and throws (422 `gate_failed`) when it may not. `src/gate.ts` builds one
 * that measures both models on a holdout.
 */
export interface EvaluationGate {
  check(current: LoadedModel, candidate: LoadedModel): void;
}

export interface VersionedRegistryOptions {
  /** Previous models kept in memory for rollback (default 3). */
  keep?: number;
  gate?: EvaluationGate;
}

/**
 * The live model with hot swap and rollback. A swap is one assignment, made only after the
 * new model loaded and passed the gate: requests see the old model or the new one, never a
 * half-loaded one, and a failed reload changes nothing.
 */
export class VersionedRegistry implements ModelRegistry {
  private active: LoadedModel | undefined;
  private history: LoadedModel[] = [];
  // Admin calls run one at a time, so two reloads cannot interleave their swaps.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly source: ModelSource,
    readonly options: VersionedRegistryOptions = {},
  ) {}

  current(): LoadedModel | undefined {
    return this.active;
  }

  /** Versions a rollback can return to, most recent last. */
  rollbackVersions(): string[] {
    return this.history.map((m) => m.info.version);
  }

  versions(): Promise<string[]> {
    return this.source.versions();
  }

  /** The first load at start-up (no history entry). */
  load(version?: string): Promise<LoadedModel> {
    return this.serial(async () => {
      this.active = await this.source.open(version);
      return this.active;
    });
  }

  reload(version?: string): Promise<SwapResult> {
    return this.serial(() => this.swapIn(version));
  }

  rollback(): Promise<SwapResult> {
    return this.serial(async () => this.swapBack());
  }

  /** Open, check, then swap; the old model goes on the rollback stack. */
  async swapIn(version?: string): Promise<SwapResult> {
    // BEGIN SOLUTION hint: open the version (errors → 422 model_load_failed, 404 passes through), then options.gate.check(current, candidate), then swap
    let next: LoadedModel;
    try {
      next = await this.source.open(version);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new HttpError(
        422,
        'model_load_failed',
        `Could not load version ${version ?? '(latest)'}: ${reason}. The current model keeps answering.`,
      );
    }
    if (this.options.gate && this.active) this.options.gate.check(this.active, next);
    const previous = this.active;
    if (previous) this.history = [...this.history, previous].slice(-(this.options.keep ?? 3));
    this.active = next;
    return { previous: previous?.info, current: next.info };
    // END SOLUTION
  }

  /** Make the model before the last swap current again. */
  swapBack(): SwapResult {
    // BEGIN SOLUTION hint: pop the history; nothing there → 409 nothing_to_roll_back
    const target = this.history[this.history.length - 1];
    if (!target) throw new HttpError(409, 'nothing_to_roll_back', 'No previous model in memory to roll back to.');
    this.history = this.history.slice(0, -1);
    const replaced = this.active;
    this.active = target;
    return { previous: replaced?.info, current: target.info };
    // END SOLUTION
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
