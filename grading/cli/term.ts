/**
 * `npm run term -- <step> <lab> …`: the term's steps on output that already exists (after
 * `grade:merge`, or to apply lateness once the roster is final). `npm run grade` runs the same
 * steps itself when given the same options. See grading/README.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readShard } from './merge';
import { parseCommandLine, runCli, UsageError } from '../lib/cli';
import { resolveLab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { listSubmissions } from '../lib/submissions';
import { finishClass, planTerm, writeExports, writeSimilarity } from '../term/finish';
import { checkRegradeTarget, writeRegrade } from '../term/regrade';

const USAGE = [
  'usage: npm run term -- late <lab> OUT --roster FILE --policy FILE [--ledger FILE] [--submissions DIR]',
  '       npm run term -- similarity <lab> SUBMISSIONS --out DIR [--similarity-threshold X]',
  '       npm run term -- regrade <lab> PREVIOUS_OUT NEW_OUT',
  '       npm run term -- export <lab> OUT [--roster FILE]',
].join('\n');

const OPTIONS = {
  roster: { type: 'string' },
  policy: { type: 'string' },
  ledger: { type: 'string' },
  submissions: { type: 'string' },
  out: { type: 'string' },
  'similarity-threshold': { type: 'string' },
} as const;

function folder(p: string | undefined): string {
  const dir = path.resolve(p ?? '');
  if (!p || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${p ?? '(missing)'} is not a folder\n${USAGE}`);
  return dir;
}

runCli(async () => {
  const {
    positionals: [step, labName, a, b],
    values: o,
  } = parseCommandLine({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true }, USAGE);
  if (!step || !labName) throw new UsageError(USAGE);
  const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), labName);
  const threshold = o['similarity-threshold'] === undefined ? undefined : Number(o['similarity-threshold']);
  if (step === 'similarity') {
    if (!o.out) throw new UsageError(`similarity needs --out DIR\n${USAGE}`);
    const plan = planTerm(lab, o.out, { similarity: true, threshold });
    fs.mkdirSync(o.out, { recursive: true });
    const r = await writeSimilarity(path.resolve(o.out), lab, listSubmissions(folder(a)).entries, plan.threshold);
    console.log(
      `${r.flagged.length} pair(s) of ${r.submissions} submissions at or above ${plan.threshold}: ${path.join(o.out, 'similarity.html')}`,
    );
  } else if (step === 'late' || step === 'export') {
    const out = folder(a);
    const results = readShard(out);
    const plan = planTerm(lab, out, {
      roster: o.roster,
      policy: step === 'late' ? o.policy : undefined,
      ledger: o.ledger,
      similarity: false,
    });
    if (step === 'late' && !plan.late) throw new UsageError(`late needs --roster and --policy\n${USAGE}`);
    const entries = o.submissions ? listSubmissions(folder(o.submissions)).entries : [];
    if (step === 'late') await finishClass(plan, lab, entries, out, results);
    else writeExports(out, lab, results, plan.roster);
    console.log(`${step}: ${results.length} submission(s) in ${out}`);
  } else if (step === 'regrade') {
    const [prev, next] = [folder(a), folder(b)];
    checkRegradeTarget(prev, next);
    const diffs = writeRegrade(lab.config.id, prev, next, readShard(next));
    console.log(
      `regrade: ${diffs.filter((d) => d.delta !== 0).length} of ${diffs.length} submission(s) changed score: ${path.join(next, 'regrade.md')}`,
    );
  } else throw new UsageError(`unknown step "${step}"\n${USAGE}`);
  return 0;
});
