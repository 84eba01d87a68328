/**
 * `npm run train`: data → features → model → threshold on validation (the course's rule,
 * `mlkit/pipeline/threshold-rule.ts`) → metrics on validation
 * and test → `models/spam/<version>/` (model.json + metadata.json). Deterministic: two runs
 * write the same model.json bytes.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_BUILD_DIR, ensureDatasets, readSpamSplit, type SpamRow } from '../datasets/read';
import { type DataFileEntry, type MetadataExtras, saveArtifact, sha256 } from '../mlkit/artifact';
import { COURSE_THRESHOLD_RULE, COURSE_THRESHOLD_RULE_TEXT, DEFAULT_SPAM_CONFIG, trainAndEvaluate } from '../mlkit/pipeline';
import type { MetricsReport } from '../mlkit/metrics/report';
import { monitoringRow, referenceStatistics } from '../mlkit/drift';
import { UsageError } from '../grading/lib/usage';
import { parseTrainArgs, TRAIN_USAGE } from './train-args';

const ROOT = join(__dirname, '..');

function dataEntry(split: 'train' | 'validation' | 'test', rows: readonly SpamRow[]): DataFileEntry {
  const file = join(DEFAULT_BUILD_DIR, 'spam', `${split}.jsonl`);
  const spam = rows.filter((r) => r.label === 'spam').length;
  return {
    file: relative(ROOT, file).split('\\').join('/'),
    sha256: sha256(readFileSync(file)),
    rows: rows.length,
    spam,
    ham: rows.length - spam,
  };
}

function line(name: string, m: MetricsReport): string {
  const f = (v: number): string => v.toFixed(4);
  return `${name.padEnd(11)} ${String(m.n).padStart(5)}  ${f(m.accuracy)}  ${f(m.precision)}  ${f(m.recall)}  ${f(m.f1)}  ${f(m.roc_auc)}  ${f(m.average_precision)}`;
}

async function main(): Promise<void> {
  const args = parseTrainArgs(process.argv.slice(2));
  if (args.help) return console.log(TRAIN_USAGE);
  await ensureDatasets({ log: (l) => console.log(l) });
  const splits = { train: readSpamSplit('train'), validation: readSpamSplit('validation'), test: readSpamSplit('test') };
  const run = trainAndEvaluate(splits, DEFAULT_SPAM_CONFIG, COURSE_THRESHOLD_RULE);
  const clf = run.classifier;
  // Drift reference: what the monitored inputs and outputs looked like on validation data.
  const reference = referenceStatistics(
    splits.validation.map((r) => {
      const p = clf.predictProba([r.text])[0] as number;
      return monitoringRow(r.text, p, p >= clf.threshold ? 'spam' : 'ham');
    }),
  );
  const test = { ...run.test, f1_ci95: { low: run.testF1.low, high: run.testF1.high, resamples: run.testF1.resamples, seed: 42 } };
  const extras: MetadataExtras = {
    training_data: {
      train: dataEntry('train', splits.train),
      validation: dataEntry('validation', splits.validation),
      test: dataEntry('test', splits.test),
    },
    metrics: { validation: run.validation, test },
    reference,
    config: DEFAULT_SPAM_CONFIG,
    threshold_rule: COURSE_THRESHOLD_RULE_TEXT,
  };
  const dir = saveArtifact(args.out, 'spam', args.version, clf, extras);
  console.log(
    `trained in ${run.trainSeconds.toFixed(2)} s on ${splits.train.length} messages; ${clf.vectorizer.nFeatures} features; threshold ${clf.threshold.toFixed(4)}`,
  );
  console.log('split           n  accuracy precision recall  f1      roc_auc  avg_prec');
  console.log(line('validation', run.validation));
  console.log(line('test', run.test));
  console.log(`test F1 95 % bootstrap CI: ${run.testF1.low.toFixed(4)} – ${run.testF1.high.toFixed(4)}`);
  console.log(`wrote ${dir}`);
}

main().catch((e: unknown) => {
  console.error(`npm run train: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof UsageError) console.error(TRAIN_USAGE);
  process.exitCode = 1;
});
