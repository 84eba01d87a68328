/**
 * The learner's feedback files of one submission: `feedback.md` may be handed out at once (public
 * checks in full, hidden ones counted), `feedback-published.md` once grades are published
 * (every check whose visibility allows it). Both end with the late rule when one was applied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import { feedbackMarkdown } from '../lib/reports';

export const FEEDBACK_FILES = { before_due_date: 'feedback.md', after_published: 'feedback-published.md' } as const;

function withLate(md: string, r: Results): string {
  const late = r.extra_data.late;
  return late ? `${md.trimEnd()}\n\n## Late policy\n\n${late.rule}\n` : md;
}

/** Writes both feedback files into `dir`. */
export function writeFeedback(dir: string, title: string, r: Results): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [phase, file] of Object.entries(FEEDBACK_FILES) as [keyof typeof FEEDBACK_FILES, string][]) {
    fs.writeFileSync(path.join(dir, file), withLate(feedbackMarkdown(title, r, phase), r));
  }
}

/** Writes `results.json` of one submission. */
export function writeResults(dir: string, r: Results): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(r, null, 2) + '\n');
}
