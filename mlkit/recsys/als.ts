/**
 * Matrix factorisation for implicit feedback by alternating least squares (Hu, Koren & Volinsky
 * 2008): every user–item pair is a target, 1 where the user interacted and 0 elsewhere, with
 * confidence 1 + alpha · weight on the observed ones. Fixing item factors makes the user factors
 * an exact ridge regression (and back), so each half-step can only lower the loss.
 */
import { buildMatrix } from './interactions';
import { implicitLoss, initFactors, solveSide, transpose } from './als-solve';
import { type PopularityJSON, PopularityRecommender } from './popularity';
import { topK } from './topk';
import type { Interaction, RecommendOptions, Recommender } from './types';
import { mulberry32 } from '../data/random';

export interface AlsOptions {
  /** Latent dimension f (default 16). */
  factors?: number;
  /** L2 penalty λ on every factor (default 0.1). */
  regularization?: number;
  /** Confidence slope: c = 1 + alpha · weight (default 2). */
  alpha?: number;
  /** Full sweeps (users then items), default 10. */
  iterations?: number;
  seed?: number;
}

export interface AlsJSON {
  kind: 'als';
  options: Required<AlsOptions>;
  users: number[];
  items: number[];
  /** Row-major [users][factors] and [items][factors]. */
  userFactors: number[];
  itemFactors: number[];
  history: Record<string, number[]>;
  fallback: PopularityJSON;
}

export const DEFAULT_ALS: Required<AlsOptions> = { factors: 16, regularization: 0.1, alpha: 2, iterations: 10, seed: 42 };

interface Fitted {
  x: Float64Array;
  y: Float64Array;
  rows: Int32Array[];
  conf: Float64Array[];
  users: number[];
  items: number[];
}

function train(interactions: readonly Interaction[], o: Required<AlsOptions>, onSweep?: (loss: () => number) => void): Fitted {
  const m = buildMatrix(interactions);
  const conf = m.weights.map((w) => w.map((v) => 1 + o.alpha * v));
  const t = transpose(m.rows, conf, m.items.length);
  const rng = mulberry32(o.seed);
  const x = initFactors(m.users.length, o.factors, rng),
    y = initFactors(m.items.length, o.factors, rng);
  for (let it = 0; it < o.iterations; it++) {
    solveSide(x, y, m.rows, conf, m.items.length, o.factors, o.regularization);
    onSweep?.(() => implicitLoss(x, y, m.rows, conf, m.items.length, o.factors, o.regularization));
    solveSide(y, x, t.cols, t.conf, m.users.length, o.factors, o.regularization);
    onSweep?.(() => implicitLoss(x, y, m.rows, conf, m.items.length, o.factors, o.regularization));
  }
  return { x, y, rows: m.rows, conf, users: m.users, items: m.items };
}

export class AlsRecommender implements Recommender {
  readonly kind = 'als';

  private constructor(
    readonly options: Required<AlsOptions>,
    private readonly userIndex: Map<number, number>,
    private readonly items: number[],
    private readonly x: Float64Array,
    private readonly y: Float64Array,
    private readonly history: Map<number, Int32Array>,
    private readonly fallback: PopularityRecommender,
  ) {}

  /**
   * @param onHalfStep called after each half-step with a function computing the full loss
   *   (expensive; for tests and lessons on small data).
   */
  static fit(interactions: readonly Interaction[], options: AlsOptions = {}, onHalfStep?: (loss: () => number) => void): AlsRecommender {
    const o = { ...DEFAULT_ALS, ...options };
    if (
      !(
        Number.isInteger(o.factors) &&
        o.factors > 0 &&
        Number.isInteger(o.iterations) &&
        o.iterations >= 0 &&
        o.regularization > 0 &&
        o.alpha >= 0
      )
    ) {
      throw new RangeError(
        `ALS options: factors and iterations must be positive integers, regularization > 0, alpha ≥ 0; got ${JSON.stringify(o)}`,
      );
    }
    const fit = train(interactions, o, onHalfStep);
    const history = new Map(fit.users.map((u, i) => [u, fit.rows[i] as Int32Array]));
    return new AlsRecommender(
      o,
      new Map(fit.users.map((u, i) => [u, i])),
      fit.items,
      fit.x,
      fit.y,
      history,
      PopularityRecommender.fit(interactions),
    );
  }

  /** Predicted preference x_uᵀ y_i for every item index; null for a user not seen in training. */
  scores(user: number): Float64Array | null {
    const u = this.userIndex.get(user);
    if (u === undefined) return null;
    const f = this.options.factors,
      out = new Float64Array(this.items.length);
    for (let j = 0; j < out.length; j++) {
      let dot = 0;
      for (let p = 0; p < f; p++) dot += this.x[u * f + p] * this.y[j * f + p];
      out[j] = dot;
    }
    return out;
  }

  /** Highest predicted preference first; users unknown to the model get popularity. */
  recommend(user: number, k: number, options: RecommendOptions = {}): number[] {
    const scores = this.scores(user);
    if (scores === null) return this.fallback.recommend(user, k, options);
    const seen = options.excludeSeen === false ? new Set<number>() : new Set(this.history.get(user));
    return topK(scores, k, (j) => seen.has(j) || (options.exclude?.has(this.items[j]) ?? false)).map((j) => this.items[j]);
  }

  toJSON(): AlsJSON {
    const history: Record<string, number[]> = {};
    for (const [u, row] of this.history) history[String(u)] = Array.from(row);
    return {
      kind: 'als',
      options: this.options,
      users: [...this.userIndex.keys()],
      items: this.items,
      userFactors: Array.from(this.x),
      itemFactors: Array.from(this.y),
      history,
      fallback: this.fallback.toJSON(),
    };
  }

  static fromJSON(json: AlsJSON): AlsRecommender {
    if (json?.kind !== 'als' || !Array.isArray(json.users) || !Array.isArray(json.userFactors))
      throw new TypeError('not an ALS model: expected { kind: "als", users, items, userFactors, itemFactors, history, fallback }');
    const f = json.options.factors;
    if (json.userFactors.length !== json.users.length * f || json.itemFactors.length !== json.items.length * f)
      throw new TypeError(`ALS model: factor arrays do not match ${json.users.length} users × ${json.items.length} items × ${f} factors`);
    const history = new Map(Object.entries(json.history).map(([u, row]) => [Number(u), Int32Array.from(row)]));
    return new AlsRecommender(
      json.options,
      new Map(json.users.map((u, i) => [u, i])),
      json.items,
      Float64Array.from(json.userFactors),
      Float64Array.from(json.itemFactors),
      history,
      PopularityRecommender.fromJSON(json.fallback),
    );
  }
}
