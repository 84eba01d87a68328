/**
 * Seeded draws the simulator needs beyond uniform numbers: normal, gamma, Poisson, and picking
 * from a cumulative weight table. All take the generator as an argument, so one seed fixes a run.
 */
import { mulberry32 } from '../../mlkit/data/random';

export type Rng = () => number;

export { mulberry32 };

/** Standard normal draw (Box–Muller; the second value is thrown away to keep the code short). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) draw (Marsaglia–Tsang; shapes below 1 use the u^(1/shape) boost). */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma: shape must be > 0, got ${shape}`);
  if (shape < 1) return gamma(rng, shape + 1) * (1 - rng()) ** (1 / shape);
  const d = shape - 1 / 3,
    c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng),
      v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - rng()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Poisson(mean) draw by counting uniform products (Knuth); fine for the small means used here. */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let n = 0,
    p = rng();
  while (p > limit) {
    n++;
    p *= rng();
  }
  return n;
}

/** Running sums of `weights`, for {@link pick}. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    out[i] = sum;
  }
  return out;
}

/** Index drawn with probability proportional to its weight, by binary search in `cum`. */
export function pick(rng: Rng, cum: Float64Array): number {
  const target = rng() * (cum[cum.length - 1] as number);
  let lo = 0,
    hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
