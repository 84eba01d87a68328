import type { LoadedModel, ModelRegistry, ModelSource, SwapResult } from '../../../server-template/src/contracts';
// TODO(lab-05-version-and-retrain): you will throw HttpError for load failures (422) and an empty history (409)

/** Refuse a model whose recorded metric is below a floor, e.g. `{ split: 'test', metric: 'f1', min: 0.9 }`. */
export interface EvaluationGate {
  split: 'validation' | 'test';
  metric: string;
  min: number;
}

/** Throws 422 `gate_failed` when the model's metadata.json does not meet the gate. */
export function checkGate(model: LoadedModel, gate: EvaluationGate): void {
  void [model, gate]; // your inputs
  throw new Error("lab-05-version-and-retrain: not implemented — read metadata.metrics[split][metric]; missing or below min → 422");
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
    throw new Error("lab-05-version-and-retrain: not implemented — open the version (errors → 422 model_load_failed, 404 passes through), checkGate, then swap");
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
