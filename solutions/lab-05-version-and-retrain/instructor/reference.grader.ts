/**
 * Instructor check for lab 05's retrain: the drift reference it records. Lab 04's drift report
 * compares traffic with the serving version's `metadata.reference`, so a reference of other rows
 * (only period 1, the parent's, the fit rows) raises or hides drift after a hot swap.
 */
import { expectEqual } from '../../../grading/harness';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitoringRow, referenceStatistics } from '../../../mlkit/drift';
import { artifactAt, cached, digest, scoresOf } from '../grader/cache';
import { appCheck, RETRAIN, retrainedDir } from '../grader/http';
import { tuneRows } from './reference';

/** The first path where `got` and `want` differ (numbers within 1e-9), or undefined when they agree. */
function firstDifference(got: unknown, want: unknown, at: string): string | undefined {
  if (typeof want === 'number' && typeof got === 'number') return Math.abs(got - want) <= 1e-9 ? undefined : at;
  if (typeof want !== 'object' || want === null) return got === want ? undefined : at;
  if (typeof got !== 'object' || got === null || Array.isArray(got) !== Array.isArray(want)) return at;
  for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const d = firstDifference((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${at}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

describe('lab-05 instructor checks: drift reference', () => {
  appCheck(
    'retrain records the drift reference of its own tune rows, scored by the new model at its threshold',
    1,
    `${RETRAIN}: retrain() — reference = referenceStatistics of monitoringRow(text, score, prediction) for every tune row (period 1's validation + the last 1/4 of the labelled half)`,
    async () => {
      const dir = await retrainedDir();
      const model = artifactAt(dir);
      const { threshold, scores } = scoresOf(dir, 'tune');
      // Keyed by the model file's bytes: the same retrain has the same reference.
      const want = cached(`drift reference ${digest(readFileSync(path.join(dir, 'model.json')))}`, () => {
        const tune = tuneRows();
        return referenceStatistics(
          tune.texts.map((text, i) => monitoringRow(text, scores[i] as number, (scores[i] as number) >= threshold ? 'spam' : 'ham')),
        );
      });
      const got = (model.metadata as Record<string, unknown>)['reference'] as { rows?: unknown } | undefined;
      expectEqual(got?.rows, want.rows, `metadata.reference.rows (the ${want.rows} tune rows)`);
      const where = firstDifference(got, want, 'metadata.reference');
      if (where !== undefined)
        throw new Error(
          `${where} differs from the reference measured here on the ${want.rows} tune rows with the saved model at its threshold`,
        );
    },
  );
});
