import type { LoadedModel, ModelRegistry, ModelSource, SwapResult } from '../../../server-template/src/contracts';
// TODO(lab-05-version-and-retrain): you will throw HttpError for load failures (422) and an empty history (409)

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
    void [version]; // your inputs
    throw new Error("lab-05-version-and-retrain: not implemented — open the version (errors → 422 model_load_failed, 404 passes through), then options.gate.check(current, candidate), then swap");
  }

  /** Make the model before the last swap current again. */
  swapBack(): SwapResult {
    throw new Error("lab-05-version-and-retrain: not implemented — pop the history; nothing there → 409 nothing_to_roll_back");
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
