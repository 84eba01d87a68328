/**
 * A holdout: labelled mail the gate evaluates both versions on, read from rows or a JSONL file.
 * Reads no dataset itself (`./period2` does), so the service can use it without the datasets.
 * Given: nothing to write here.
 */
import { readFileSync } from 'node:fs';

/** Labelled mail with its labels as numbers, in file order. */
export interface Holdout {
  texts: string[];
  /** 1 = spam, 0 = ham, same order as `texts`. */
  labels: Float64Array;
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
