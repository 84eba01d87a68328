/**
 * What one monthly retrain learns from and is judged on: train on every cleaned event up to the
 * end of the month, test on the month after (its users with a new item), with each user's
 * history up to the month's end excluded from their lists.
 */
import { AlsRecommender, type AlsOptions } from './als';
import { seenItems, toInteractions } from './interactions';
import { ItemKnnRecommender, type ItemKnnOptions } from './item-knn';
import { addMonths, type Month, monthOf } from './month';
import { PopularityRecommender } from './popularity';
import type { ShopLog } from './shop-log';
import { inWindow } from './split';
import type { Interaction, Recommender } from './types';

/** Which model a retrain fits, and its settings. */
export interface Recipe {
  model: 'als' | 'item-knn' | 'popularity';
  als?: AlsOptions;
  itemKnn?: ItemKnnOptions;
}

/** The served model: implicit ALS with the toolkit's defaults. */
export const DEFAULT_RECIPE: Recipe = { model: 'als' };

export function fitRecipe(recipe: Recipe, train: readonly Interaction[]): Recommender {
  if (recipe.model === 'als') return AlsRecommender.fit(train, recipe.als);
  if (recipe.model === 'item-knn') return ItemKnnRecommender.fit(train, recipe.itemKnn);
  if (recipe.model === 'popularity') return PopularityRecommender.fit(train);
  throw new RangeError(`unknown model ${JSON.stringify((recipe as { model: unknown }).model)}: expected als, item-knn or popularity`);
}

/**
 * Months a retrain can run for: the month and the one after it (the gate's test month) must lie
 * inside the log.
 * @throws RangeError naming the months that are possible.
 */
export function checkMonthInLog(month: Month, window: { from: number; to: number }): void {
  const first = monthOf(window.from),
    last = addMonths(monthOf(window.to - 1), -1);
  if (month.start < window.from || addMonths(month, 1).end > window.to)
    throw new RangeError(
      `month ${month.label} is outside the log, or its next month is: the log covers ${first.label} to ${monthOf(window.to - 1).label}, ` +
        `and the gate tests on the month after the one trained up to, so choose ${first.label} … ${last.label}`,
    );
}

export interface MonthData {
  train: Interaction[];
  /** The next month's interactions. */
  test: Interaction[];
  /** Per user, every item touched up to the end of the month. */
  history: Map<number, Set<number>>;
  trainWindow: { from: number; to: number };
  testWindow: { from: number; to: number };
}

/** Train = `[log start, end of month)`, test = the next month. */
export function monthData(log: ShopLog, month: Month): MonthData {
  checkMonthInLog(month, log.window);
  const next = addMonths(month, 1);
  const train = toInteractions(inWindow(log.events, log.window.from, month.end));
  const test = toInteractions(inWindow(log.events, next.start, next.end));
  return {
    train,
    test,
    history: seenItems(train),
    trainWindow: { from: log.window.from, to: month.end },
    testWindow: { from: next.start, to: next.end },
  };
}
