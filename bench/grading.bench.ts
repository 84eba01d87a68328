/**
 * Grading speed: the overhead of grading one submission (goal ≤ 15 s) and a class of 30
 * submissions with two jobs (goal ≤ 5 min on 2 cores), for process isolation and, when the
 * engine and image are there, docker. The lab is $BENCH_LAB (default lab-02: a service lab,
 * whose checks start the learner's API, is the realistic case). Writes bench/results/grading.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeBatch } from '../grading/lib/batch';
import { listFaults, writeFault } from '../grading/lib/faulty';
import { buildLab, writeLab } from '../grading/lib/build';
import { resolveLab } from '../grading/lib/labs';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { listSubmissions } from '../grading/lib/submissions';
import { dockerUnavailableSync } from '../grading/harness/docker';
import type { Isolation } from '../grading/sandbox/isolation';

const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), process.env.BENCH_LAB ?? 'lab-02');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-bench-'));

/** A class of `n`: solutions, starters and the lab's faulty fixtures, round robin. */
function makeClass(n: number): string {
  const dir = path.join(work, `class-${n}`);
  const kinds = ['solution', 'starter', ...listFaults(lab)];
  const starter = buildLab(lab);
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const dest = path.join(dir, `student-${String(i).padStart(2, '0')}-${kind}`);
    if (kind === 'solution') for (const f of lab.config.files) fs.cpSync(path.join(lab.dir, f), path.join(dest, f));
    else if (kind === 'starter') writeLab(starter, dest);
    else writeFault(lab, kind, dest);
  }
  return dir;
}

async function timeBatch(n: number, jobs: number, isolation: Isolation): Promise<{ seconds: number; statuses: Record<string, number> }> {
  const entries = listSubmissions(makeClass(n)).entries;
  const t0 = process.hrtime.bigint();
  const { summary } = await gradeBatch({ lab, entries, outDir: path.join(work, `out-${isolation}-${n}`), jobs, isolation });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, statuses: summary.statuses };
}

async function main(): Promise<void> {
  const why = dockerUnavailableSync();
  const modes: Isolation[] = why ? ['process'] : ['process', 'docker'];
  if (why) console.log(`docker isolation skipped: ${why}`);
  const rows: Record<string, unknown>[] = [];
  for (const isolation of modes) {
    const one = await timeBatch(1, 1, isolation);
    const cls = await timeBatch(30, 2, isolation);
    rows.push({
      isolation,
      one_submission_s: round(one.seconds),
      class_30_jobs_2_s: round(cls.seconds),
      class_statuses: cls.statuses,
      goals: { one_submission_s: 15, class_30_s: 300 },
      met: one.seconds <= 15 && cls.seconds <= 300,
    });
  }
  console.table(
    rows.map((r) => ({
      isolation: r['isolation'],
      'one submission (s)': r['one_submission_s'],
      '30 submissions, 2 jobs (s)': r['class_30_jobs_2_s'],
      'goals met': r['met'],
    })),
  );
  const out = path.join(__dirname, 'results', 'grading.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify({ lab: lab.config.id, cores: os.availableParallelism(), node: process.version, runs: rows }, null, 2) + '\n',
  );
  console.log(`wrote ${path.relative(REPO_ROOT, out)}`);
}

const round = (s: number): number => Math.round(s * 10) / 10;

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
