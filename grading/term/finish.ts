/**
 * What `npm run grade` does for the term after grading a class: the late policy, gradebook
 * exports and item analysis, the similarity report, and the regrade diff. `planTerm` reads and
 * checks every input before anything is graded, so a bad roster fails in a second, not after an hour.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import type { Lab } from '../lib/labs';
import type { SubmissionEntry } from '../lib/submissions';
import { UsageError } from '../lib/usage';
import { archiveTimes, lateForClass, writeLate } from './apply-late';
import { canvasCsv, moodleCsv } from './gradebook';
import { itemAnalysis, itemAnalysisCsv, itemAnalysisMarkdown } from './item-analysis';
import { type LatePolicy, readPolicy } from './late';
import { readLedger } from './ledger';
import { checkRegradeTarget, type StudentDiff, writeRegrade } from './regrade';
import { readRoster, type RosterRow } from './roster';
import { compareClass, DEFAULT_SIMILARITY, readClass, type SimilarityReport, starterText } from './similarity';
import { similarityHtml } from './similarity-html';

export interface TermRequest {
  roster?: string;
  policy?: string;
  ledger?: string;
  previous?: string;
  /** False turns the similarity report off. */
  similarity: boolean;
  threshold?: number;
}

export interface TermPlan {
  roster: RosterRow[];
  late?: { policy: LatePolicy; ledgerFile?: string };
  previous?: string;
  similarity: boolean;
  threshold: number;
}

/** Reads and checks the term's inputs. @throws UsageError naming the file, row and field */
export function planTerm(lab: Lab, outDir: string, q: TermRequest): TermPlan {
  if (q.policy && !q.roster) throw new UsageError('--policy needs --roster (who handed in when)');
  const roster = q.roster ? readRoster(path.resolve(q.roster)) : [];
  const policy = q.policy ? readPolicy(path.resolve(q.policy)) : undefined;
  if (policy && !policy.due[lab.config.id])
    throw new UsageError(`${path.basename(q.policy!)}: field "due" has no deadline for ${lab.config.id}`);
  if (policy && policy.slip_days > 0 && !q.ledger)
    throw new UsageError("the late policy grants slip days: give --ledger FILE, where the term's slip days accumulate");
  if (q.ledger) readLedger(path.resolve(q.ledger));
  if (q.previous) checkRegradeTarget(q.previous, outDir);
  const threshold = q.threshold ?? DEFAULT_SIMILARITY.threshold;
  if (!(threshold > 0 && threshold <= 1)) throw new UsageError(`--similarity-threshold must be in (0, 1], got ${q.threshold}`);
  return {
    roster,
    late: policy ? { policy, ledgerFile: q.ledger && path.resolve(q.ledger) } : undefined,
    previous: q.previous && path.resolve(q.previous),
    similarity: q.similarity,
    threshold,
  };
}

/** gradebook-canvas.csv, gradebook-moodle.csv, item-analysis.csv and item-analysis.md. */
export function writeExports(outDir: string, lab: Lab, results: readonly Results[], roster: readonly RosterRow[]): void {
  fs.writeFileSync(path.join(outDir, 'gradebook-canvas.csv'), canvasCsv(lab.config, results, roster));
  fs.writeFileSync(path.join(outDir, 'gradebook-moodle.csv'), moodleCsv(lab.config, results, roster));
  const items = itemAnalysis(results);
  fs.writeFileSync(path.join(outDir, 'item-analysis.csv'), itemAnalysisCsv(items));
  fs.writeFileSync(path.join(outDir, 'item-analysis.md'), itemAnalysisMarkdown(lab.config.id, items));
}

/** similarity.json and similarity.html beside the class reports. */
export async function writeSimilarity(
  outDir: string,
  lab: Lab,
  entries: readonly SubmissionEntry[],
  threshold: number,
): Promise<SimilarityReport> {
  const { texts, left_out } = await readClass(lab.config, entries);
  const report = { ...compareClass(lab.config.id, texts, starterText(lab.config), { ...DEFAULT_SIMILARITY, threshold }), left_out };
  fs.writeFileSync(path.join(outDir, 'similarity.json'), JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'similarity.html'), similarityHtml(report));
  return report;
}

/** Runs the term steps the plan asks for on a graded class. */
export async function finishClass(
  plan: TermPlan,
  lab: Lab,
  entries: readonly SubmissionEntry[],
  outDir: string,
  results: Results[],
): Promise<{ similarity?: SimilarityReport; regrade?: StudentDiff[] }> {
  if (plan.late) {
    const outcomes = lateForClass(lab.config.id, results, { roster: plan.roster, ...plan.late, archiveTimes: archiveTimes(entries) });
    writeLate(outDir, lab.config.title, results, outcomes);
  }
  writeExports(outDir, lab, results, plan.roster);
  const similarity = plan.similarity && entries.length >= 2 ? await writeSimilarity(outDir, lab, entries, plan.threshold) : undefined;
  const regrade = plan.previous ? writeRegrade(lab.config.id, plan.previous, outDir, results) : undefined;
  return { similarity, regrade };
}
