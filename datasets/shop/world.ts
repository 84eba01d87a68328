/**
 * The item side of the simulation: when each item arrives in the shop, how popular it is in each
 * half-month period (long-tailed from real vote counts, drifting, boosted while new), and which
 * genre × taste-cluster block it belongs to, with per-period sampling tables per block.
 */
import type { CatalogueItem } from './catalogue';
import { DAY_MS, PERIODS, type ShopConfig, logWindow, periodStart } from './config';
import { type Rng, cumulative, normal } from './sampling';

/** Share of the back catalogue that is added during the year rather than present from the start. */
const BACK_CATALOGUE_ADDED = 0.12;
/** Popularity ∝ votes^POP_EXPONENT: a long tail without letting a few blockbusters take all. */
const POP_EXPONENT = 0.8;
/** Standard deviation of each item's log-popularity change over the year. */
const POP_TREND_SD = 1.2;
/** A new item's popularity is multiplied by 1 + NOVELTY·exp(-age / NOVELTY_DAYS). */
const NOVELTY = 6;
const NOVELTY_DAYS = 40;

export interface WorldItem extends CatalogueItem {
  /** When the shop started selling it, epoch ms UTC. */
  added: number;
  genreIndex: number;
  cluster: number;
}

export interface World {
  items: WorldItem[];
  genres: (string | null)[];
  clusters: number;
  /** Taste-space position of each cluster, [clusters][latentDim]. */
  centroids: Float64Array[];
  /** blockItems[b]: indexes into `items` of block b = genreIndex · clusters + cluster. */
  blockItems: number[][];
  /** mass[p][b]: summed popularity of block b's available items in period p. */
  mass: Float64Array[];
  /** within[p][b]: cumulative popularity over blockItems[b] in period p (0 for unavailable). */
  within: Float64Array[][];
}

function arrival(rng: Rng, item: CatalogueItem, from: number, to: number): number {
  if (item.released >= from) return item.released;
  if (rng() < BACK_CATALOGUE_ADDED) return from + Math.floor(rng() * (to - from));
  // Present from the start: added some time in the two years before the log begins.
  return Math.max(item.released, from - Math.floor(rng() * 730) * DAY_MS);
}

function popularityAt(item: WorldItem, logPop: number, trend: number, t: number, year: { from: number; to: number }): number {
  if (item.added > t) return 0;
  const novelty = 1 + NOVELTY * Math.exp(-(t - item.added) / (NOVELTY_DAYS * DAY_MS));
  return Math.exp(logPop + trend * ((t - year.from) / (year.to - year.from))) * novelty;
}

/** Builds the item side from the catalogue; `rng` fixes arrivals, clusters and trends. */
export function buildWorld(catalogue: readonly CatalogueItem[], config: ShopConfig, rng: Rng): World {
  const year = logWindow(config);
  const genres: (string | null)[] = [...new Set(catalogue.map((c) => c.genre).filter((g): g is string => g !== null))].sort();
  genres.push(null); // "no genre" is a genre of its own, last
  const minVotes = Math.min(...catalogue.map((c) => c.votes ?? Infinity));
  const items = catalogue.map(
    (c): WorldItem => ({
      ...c,
      added: arrival(rng, c, year.from, year.to),
      genreIndex: c.genre === null ? genres.length - 1 : genres.indexOf(c.genre),
      cluster: Math.floor(rng() * config.clusters),
    }),
  );
  const logPop = catalogue.map((c) => POP_EXPONENT * Math.log(c.votes ?? minVotes));
  const trend = catalogue.map(() => POP_TREND_SD * normal(rng));
  const blocks = genres.length * config.clusters;
  const blockItems: number[][] = Array.from({ length: blocks }, () => []);
  items.forEach((it, i) => blockItems[it.genreIndex * config.clusters + it.cluster]?.push(i));
  const mass: Float64Array[] = [],
    within: Float64Array[][] = [];
  for (let p = 0; p < PERIODS; p++) {
    const t = periodStart(config, p);
    const tables = blockItems.map((list) =>
      cumulative(list.map((i) => popularityAt(items[i] as WorldItem, logPop[i] as number, trend[i] as number, t, year))),
    );
    within.push(tables);
    mass.push(Float64Array.from(tables, (cum) => (cum.length === 0 ? 0 : (cum[cum.length - 1] as number))));
  }
  const centroids = Array.from({ length: config.clusters }, () => Float64Array.from({ length: config.latentDim }, () => normal(rng)));
  return { items, genres, clusters: config.clusters, centroids, blockItems, mass, within };
}
