/**
 * The customers: when they sign up and leave, how active they are, and their tastes — genre
 * affinities plus a low-rank taste vector over item clusters — both drifting over the year.
 */
import { DAY_MS, PERIODS, type ShopConfig, logWindow } from './config';
import { type Rng, gamma, normal } from './sampling';
import type { World } from './world';

/** Share of customers who signed up before the log begins. */
const EXISTING_SHARE = 0.55;
/** Monthly probability that an active customer leaves for good. */
const MONTHLY_CHURN = 0.04;
/** Gamma shape of genre affinities: small, so most customers favour a few genres. */
const AFFINITY_SHAPE = 0.5;
/** How much of December's genre taste is new rather than January's. */
const TASTE_DRIFT = 0.7;
/** Weights of genre affinity and cluster taste in a customer's log-odds of a block. */
const GENRE_WEIGHT = 1.5;
const CLUSTER_WEIGHT = 2.2;

/** Genre affinities (mean 1) and taste vectors, January's (0) and December's (1). */
export interface Taste {
  a0: Float64Array;
  a1: Float64Array;
  u0: Float64Array;
  u1: Float64Array;
}

export interface Customer {
  user_id: number;
  username: string;
  signup: number;
  /** Epoch ms after which the customer is gone (Infinity: still active at the end). */
  leaves: number;
  /** Mean sessions per month. */
  activity: number;
  taste: Taste;
}

function affinities(rng: Rng, n: number): Float64Array {
  const a = Float64Array.from({ length: n }, () => gamma(rng, AFFINITY_SHAPE) + 1e-3);
  const mean = a.reduce((s, x) => s + x, 0) / n;
  return a.map((x) => x / mean);
}

function username(rng: Rng): string {
  // Always starts with "u", so no customer's name looks like a test account's.
  return `u${Math.floor(rng() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
}

/** Genre seasonality: a log-odds bump for a genre in some months (index = month 0…11). */
function season(genre: string | null, month: number): number {
  if (genre === 'Horror' && month === 9) return 0.8;
  if (genre === 'Romantic Comedy' && month === 1) return 0.8;
  if ((genre === 'Adventure' || genre === 'Musical') && month === 11) return 0.6;
  return 0;
}

function drawTaste(rng: Rng, genres: number, dim: number): Taste {
  const a0 = affinities(rng, genres),
    fresh = affinities(rng, genres);
  const a1 = a0.map((x, i) => (1 - TASTE_DRIFT) * x + TASTE_DRIFT * (fresh[i] as number));
  const u0 = Float64Array.from({ length: dim }, () => normal(rng)),
    u1 = Float64Array.from({ length: dim }, () => normal(rng));
  return { a0, a1, u0, u1 };
}

/**
 * Cumulative weights over blocks (genre × cluster) for one customer in period `p`: the block's
 * available popularity times exp(genre affinity + cluster taste + season), both tastes moving
 * linearly (genres) or by rotation (taste vector) from January's to December's.
 */
export function blockTable(world: World, taste: Taste, p: number): Float64Array {
  const f = (p + 0.5) / PERIODS,
    angle = (Math.PI / 2) * f,
    dim = taste.u0.length;
  const u = taste.u0.map((x, d) => Math.cos(angle) * x + Math.sin(angle) * (taste.u1[d] as number));
  const cluster = new Float64Array(world.clusters);
  for (let k = 0; k < world.clusters; k++) {
    const c = world.centroids[k] as Float64Array;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += (c[d] as number) * (u[d] as number);
    cluster[k] = (CLUSTER_WEIGHT * dot) / Math.sqrt(dim);
  }
  const mass = world.mass[p] as Float64Array,
    out = new Float64Array(mass.length);
  let sum = 0;
  for (let gi = 0; gi < world.genres.length; gi++) {
    const genre =
      GENRE_WEIGHT * Math.log((1 - f) * (taste.a0[gi] as number) + f * (taste.a1[gi] as number)) +
      season(world.genres[gi] ?? null, Math.floor(p / 2));
    for (let k = 0; k < world.clusters; k++) {
      const b = gi * world.clusters + k;
      sum += (mass[b] as number) * Math.exp(genre + (cluster[k] as number));
      out[b] = sum;
    }
  }
  return out;
}

/** Draws `config.users` customers with ids 1…users (the caller shuffles ids later). */
export function buildPopulation(world: World, config: ShopConfig, rng: Rng): Customer[] {
  const { from, to } = logWindow(config);
  return Array.from({ length: config.users }, (_, i): Customer => {
    const existing = rng() < EXISTING_SHARE;
    const signup = existing
      ? from - Math.floor(rng() * 3 * 365) * DAY_MS - Math.floor(rng() * DAY_MS)
      : from + Math.floor(rng() * (to - from));
    const months = Math.log(1 - rng()) / Math.log(1 - MONTHLY_CHURN);
    const leaves = Math.max(signup, from) + months * 30 * DAY_MS;
    const activity = config.sessionsPerMonth * Math.exp(0.8 * normal(rng) - 0.32);
    return {
      user_id: i + 1,
      username: username(rng),
      signup,
      leaves: leaves >= to ? Infinity : leaves,
      activity,
      taste: drawTaste(rng, world.genres.length, config.latentDim),
    };
  });
}
