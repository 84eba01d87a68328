/**
 * Period 2 split in two, once for every part of the lab: the first half is the labelled mail a
 * retrain may learn from, the second half the fixed holdout the gate evaluates on. Neither
 * version ever trains on the holdout, and it is the kind of mail the service meets now, so a
 * gain there is the gain that matters. Given: nothing to write here.
 */
import { readFileSync } from 'node:fs';
import { readSpamSplit, type SpamRow } from '../../../datasets/read';

/** Labelled mail with its labels as numbers, in file order. */
export interface Holdout {
  texts: string[];
  /** 1 = spam, 0 = ham, same order as `texts`. */
  labels: Float64Array;
}

/** `readSpamSplit('production')` (date order), cut in half: `labelled` first, `holdout` after. */
export function period2Halves(): { labelled: SpamRow[]; holdout: SpamRow[] } {
  const production = readSpamSplit('production');
  const half = Math.floor(production.length / 2);
  return { labelled: production.slice(0, half), holdout: production.slice(half) };
}

/** Rows of `{text, label: "spam" | "ham"}` as a {@link Holdout}; it needs both classes. */
export function toHoldout(rows: readonly { text?: unknown; label?: unknown }[], where = 'holdout'): Holdout {
  const texts: string[] = [];
  const labels: number[] = [];
  rows.forEach((row, i) => {
    if (typeof row.text !== 'string' || (row.label !== 'spam' && row.label !== 'ham')) {
      throw new Error(`${where} line ${i + 1}: expected {"text": string, "label": "spam" | "ham"}`);
    }
    texts.push(row.text);
    labels.push(row.label === 'spam' ? 1 : 0);
  });
  if (!labels.includes(1) || !labels.includes(0)) throw new Error(`${where}: the holdout needs both spam and ham`);
  return { texts, labels: Float64Array.from(labels) };
}

/** Read a JSONL file of `{"text", "label"}` rows (the dataset build's format). */
export function readHoldout(file: string): Holdout {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return toHoldout(
    lines.map((l) => JSON.parse(l) as { text?: unknown; label?: unknown }),
    file,
  );
}

let period2: Holdout | undefined;

/** The second half of period 2, read once per process. */
export function period2Holdout(): Holdout {
  period2 ??= toHoldout(period2Halves().holdout, 'datasets/build/spam/production.jsonl (second half)');
  return period2;
}
