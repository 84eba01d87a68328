/**
 * `npm run grade -- <lab> <submissions> [--out DIR] [--jobs N] [--timeout S]
 *   [--isolation docker|process] [--shard k/n] [--roster FILE --policy FILE [--ledger FILE]]
 *   [--previous OUT_DIR] [--no-similarity] [--similarity-threshold X]`: grade a class (see grading/README.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeBatch } from '../lib/batch';
import { parseCommandLine, runCli, UsageError } from '../lib/cli';
import { resolveLab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { listSubmissions, shard } from '../lib/submissions';
import { dockerUnavailableSync } from '../harness/docker';
import type { Isolation } from '../sandbox/isolation';
import { finishClass, planTerm } from '../term/finish';
import { notebookKind } from '../notebooks/grade';
import { isNotebookName, resolveNotebook } from '../notebooks/notebooks';

const USAGE =
  'usage: npm run grade -- <lab|nb-NN> <submissions folder> [--out DIR] [--jobs N] [--timeout S] [--isolation docker|process] [--shard k/n]' +
  ' [--roster FILE --policy FILE [--ledger FILE]] [--previous OUT_DIR] [--no-similarity] [--similarity-threshold X]';
const OPTIONS = {
  out: { type: 'string' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  isolation: { type: 'string' },
  shard: { type: 'string', default: '1/1' },
  roster: { type: 'string' },
  policy: { type: 'string' },
  ledger: { type: 'string' },
  previous: { type: 'string' },
  'no-similarity': { type: 'boolean' },
  'similarity-threshold': { type: 'string' },
} as const;

function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got "${v}"`);
  return n;
}

function chooseIsolation(asked: string | undefined): Isolation {
  if (asked !== undefined && asked !== 'docker' && asked !== 'process')
    throw new UsageError(`--isolation must be docker or process, got "${asked}"`);
  if (asked === 'process') return 'process';
  const why = dockerUnavailableSync();
  if (!why) return 'docker';
  console.error(`isolation: process (docker isolation unavailable: ${why})`);
  return 'process';
}

/** Notebooks run Jupyter, which the docker image lacks: process isolation only. */
function notebookIsolation(asked: string | undefined): Isolation {
  if (asked !== undefined && asked !== 'process')
    throw new UsageError(`notebooks are graded with --isolation process (the grading image has no Jupyter), got "${asked}"`);
  return 'process';
}

runCli(async () => {
  const { positionals: pos, values: opts } = parseCommandLine(
    { args: process.argv.slice(2), options: OPTIONS, allowPositionals: true },
    USAGE,
  );
  if (pos.length !== 2) throw new UsageError(USAGE);
  // A notebook (nb-NN) is graded like a lab: same batch, reports and term steps, its own runner.
  const notebook = isNotebookName(pos[0] ?? '') ? resolveNotebook(pos[0] ?? '') : undefined;
  const lab = notebook ?? resolveLab(path.join(REPO_ROOT, 'solutions'), pos[0] ?? '');
  const dir = path.resolve(pos[1] ?? '');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${pos[1]} is not a folder of submissions`);
  const m = /^(\d+)\/(\d+)$/.exec(opts.shard);
  const [k, n] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || k < 1 || k > n) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got "${opts.shard}"`);
  const { entries, skipped } = listSubmissions(dir, notebook ? /\.ipynb$/i : undefined);
  if (skipped.length) console.error(`skipped (not a folder, .zip or .tar.gz): ${skipped.join(', ')}`);
  const mine = shard(entries, k, n);
  const outDir = path.resolve(opts.out ?? path.join('reports', lab.config.id));
  const jobs = positiveInt('jobs', opts.jobs, os.availableParallelism());
  const timeoutS = opts.timeout === undefined ? undefined : positiveInt('timeout', opts.timeout, 1);
  const isolation = notebook ? notebookIsolation(opts.isolation) : chooseIsolation(opts.isolation);
  // A shard sees part of the class: compare the whole class after grade:merge (npm run term -- similarity).
  const plan = planTerm(lab, outDir, {
    roster: opts.roster,
    policy: opts.policy,
    ledger: opts.ledger,
    previous: opts.previous,
    similarity: !opts['no-similarity'] && n === 1 && !notebook,
    threshold: opts['similarity-threshold'] === undefined ? undefined : Number(opts['similarity-threshold']),
  });
  console.error(
    `grading ${mine.length} submission(s) of ${lab.config.id}${n > 1 ? ` (shard ${k}/${n})` : ''}, ${jobs} at a time, isolation ${isolation}`,
  );
  const { summary, results } = await gradeBatch({
    lab,
    entries: mine,
    outDir,
    jobs,
    isolation,
    timeoutS,
    kind: notebook && notebookKind(notebook),
    onResult: (r) =>
      console.error(`  ${r.extra_data.submission}: ${r.extra_data.status} ${r.score}/${r.max_score} (${r.execution_time} s)`),
  });
  const term = await finishClass(plan, lab, mine, outDir, results);
  if (term.similarity)
    console.error(`similarity: ${term.similarity.flagged.length} pair(s) at or above ${plan.threshold} (similarity.html)`);
  if (term.regrade) console.error(`regrade: ${term.regrade.filter((d) => d.delta !== 0).length} submission(s) changed score (regrade.md)`);
  const withSkips = results.filter((r) => (r.extra_data.skipped_points ?? 0) > 0).length;
  if (withSkips > 0)
    console.error(
      `warning: ${withSkips} submission(s) had checks skipped on this machine (see their results.json): their scores leave those points out`,
    );
  console.log(
    `${summary.submissions} graded into ${outDir}: mean ${summary.mean_score} / ${summary.max_score}; ` +
      Object.entries(summary.statuses)
        .map(([s, c]) => `${s} ${c}`)
        .join(', '),
  );
  return 0;
});
