/**
 * Period 2 split in two, once for every part of the lab: the first half is the labelled mail a
 * retrain may learn from, the second half the fixed holdout the gate evaluates on. Neither
 * version ever trains on the holdout, and it is the kind of mail the service meets now, so a
 * gain there is the gain that matters. Given: nothing to write here.
 */
import { readSpamSplit, type SpamRow } from '../../../datasets/read';
import { type Holdout, toHoldout } from './holdout';

/** `readSpamSplit('production')` (date order), cut in half: `labelled` first, `holdout` after. */
export function period2Halves(): { labelled: SpamRow[]; holdout: SpamRow[] } {
  const production = readSpamSplit('production');
  const half = Math.floor(production.length / 2);
  return { labelled: production.slice(0, half), holdout: production.slice(half) };
}

let period2: Holdout | undefined;

/** The second half of period 2, read once per process. */
export function period2Holdout(): Holdout {
  period2 ??= toHoldout(period2Halves().holdout, 'datasets/build/spam/production.jsonl (second half)');
  return period2;
}
