/**
 * The honest split of an event log: train on every month up to the last training month, test on
 * the month after. What the model cannot know stays in the test month and is named: the cold
 * users (no event before it) and the new items (never touched before it). A user's relevant
 * items are what they touched in the test month for the first time (lesson 11, "An honest split").
 */
import type { LogEvent } from '../../../mlkit/recsys/types';
// TODO(lab-06-recommend-products): mlkit/recsys/month.ts (parseMonth, addMonths) gives the month's [start, end); split.ts's inWindow filters by ts

export interface MonthSplit {
  /** Events with ts before the test month, in log order. */
  train: LogEvent[];
  /** Events of the test month, `start ≤ ts < end`, in log order. */
  test: LogEvent[];
  /** The test month, `YYYY-MM`. */
  testMonth: string;
  /** Distinct users with a test event and no train event, ascending. */
  coldUsers: number[];
  /** Distinct items with a test event and no train event, ascending. */
  newItems: number[];
  /**
   * Per test user with something new (id as a string), the items they touched in the test month and
   * never in train, ascending. A cold user is here with all their test items.
   */
  relevant: Record<string, number[]>;
}

/**
 * @param events log rows (ts in epoch ms, UTC), in log order, which is not quite time order
 * @param lastTrainMonth `YYYY-MM`: train on every event up to the end of this month
 * @returns the split; later months are in neither part
 * @throws RangeError when `lastTrainMonth` is not written `YYYY-MM`
 */
export function splitByMonth(events: readonly LogEvent[], lastTrainMonth: string): MonthSplit {
  void [events, lastTrainMonth]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — the test month is [start, end) of the month after lastTrainMonth; train is ts < its start (an event at exactly the start is the test month's); coldUsers/newItems: distinct test ids absent from train; relevant: test items minus the user's train items, for every test user");
}
