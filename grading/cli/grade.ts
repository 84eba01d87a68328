/**
 * `npm run grade -- <lab> <submissions> [--out DIR] [--jobs N] [--timeout S]
 *   [--isolation docker|process] [--shard k/n]`: grade a class (see grading/README.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeBatch } from '../lib/batch';
import { parseArgs, runCli, UsageError } from '../lib/cli';
import { REPO_ROOT, resolveLab } from '../lib/labs';
import { listSubmissions, shard } from '../lib/submissions';
import { dockerUnavailable, Isolation } from '../sandbox/isolation';

const USAGE = 'usage: npm run grade -- <lab> <submissions folder> [--out DIR] [--jobs N] [--timeout S] [--isolation docker|process] [--shard k/n]';

function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got "${v}"`);
  return n;
}

function chooseIsolation(asked: string | undefined): Isolation {
  if (asked !== undefined && asked !== 'docker' && asked !== 'process') throw new UsageError(`--isolation must be docker or process, got "${asked}"`);
  if (asked === 'process') return 'process';
  const why = dockerUnavailable();
  if (!why) return 'docker';
  console.error(`isolation: process (docker isolation unavailable: ${why})`);
  return 'process';
}

runCli(async () => {
  const { pos, opts } = parseArgs(process.argv.slice(2), ['out', 'jobs', 'timeout', 'isolation', 'shard']);
  if (pos.length !== 2) throw new UsageError(USAGE);
  const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), pos[0] ?? '');
  const dir = path.resolve(pos[1] ?? '');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${pos[1]} is not a folder of submissions`);
  const m = /^(\d+)\/(\d+)$/.exec(opts.get('shard') ?? '1/1');
  const [k, n] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || k < 1 || k > n) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got "${opts.get('shard')}"`);
  const { entries, skipped } = listSubmissions(dir);
  if (skipped.length) console.error(`skipped (not a folder, .zip or .tar.gz): ${skipped.join(', ')}`);
  const mine = shard(entries, k, n);
  const outDir = path.resolve(opts.get('out') ?? path.join('reports', lab.config.id));
  const jobs = positiveInt('jobs', opts.get('jobs'), os.availableParallelism());
  const timeoutS = opts.has('timeout') ? positiveInt('timeout', opts.get('timeout'), 1) : undefined;
  const isolation = chooseIsolation(opts.get('isolation'));
  console.error(`grading ${mine.length} submission(s) of ${lab.config.id}${n > 1 ? ` (shard ${k}/${n})` : ''}, ${jobs} at a time, isolation ${isolation}`);
  const { summary, results } = await gradeBatch({
    lab, entries: mine, outDir, jobs, isolation, timeoutS,
    onResult: (r) => console.error(`  ${r.extra_data.submission}: ${r.extra_data.status} ${r.score}/${r.max_score} (${r.execution_time} s)`),
  });
  const withSkips = results.filter((r) => (r.extra_data.skipped_points ?? 0) > 0).length;
  if (withSkips > 0) console.error(`warning: ${withSkips} submission(s) had checks skipped on this machine (see their results.json): their scores leave those points out`);
  console.log(`${summary.submissions} graded into ${outDir}: mean ${summary.mean_score} / ${summary.max_score}; ` +
    Object.entries(summary.statuses).map(([s, c]) => `${s} ${c}`).join(', '));
  return 0;
});
