/**
 * Notebook grading speed: one submission (goal ≤ 30 s) and a class of 30 (goal ≤ 8 min on 2
 * cores, two jobs), each executed in the course kernel inside a sandbox slot. The lesson is
 * $BENCH_NOTEBOOK (default nb-03); the class is solutions, starters and the faulty fixtures,
 * round robin. $BENCH_CLASS_SIZE makes the class smaller on a busy machine: the figure for 30 is
 * then extrapolated and marked so. Writes bench/results/notebook-grading.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeBatch } from '../grading/lib/batch';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { listSubmissions } from '../grading/lib/submissions';
import { faultyNotebook, listNotebookFaults } from '../grading/notebooks/faults';
import { notebookKind } from '../grading/notebooks/grade';
import { resolveNotebook } from '../grading/notebooks/notebooks';

const nb = resolveNotebook(process.env['BENCH_NOTEBOOK'] ?? 'nb-03');
const size = Number(process.env['BENCH_CLASS_SIZE'] ?? 30);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-nbbench-'));

function makeClass(n: number): string {
  const dir = path.join(work, `class-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const kinds = ['solution', 'starter', ...listNotebookFaults(nb)];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const text =
      kind === 'solution'
        ? fs.readFileSync(nb.solutionFile, 'utf8')
        : kind === 'starter'
          ? fs.readFileSync(nb.learnerFile, 'utf8')
          : JSON.stringify(faultyNotebook(nb, kind));
    fs.writeFileSync(path.join(dir, `student-${String(i).padStart(2, '0')}-${kind}.ipynb`), text);
  }
  return dir;
}

async function timeBatch(n: number, jobs: number): Promise<{ seconds: number; statuses: Record<string, number> }> {
  const entries = listSubmissions(makeClass(n), /\.ipynb$/i).entries;
  const t0 = process.hrtime.bigint();
  const { summary } = await gradeBatch({
    lab: nb,
    entries,
    outDir: path.join(work, `out-${n}`),
    jobs,
    isolation: 'process',
    kind: notebookKind(nb),
  });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, statuses: summary.statuses };
}

const round = (s: number): number => Math.round(s * 10) / 10;

async function main(): Promise<void> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const one = await timeBatch(1, 1);
  const cls = await timeBatch(size, 2);
  const for30 = (cls.seconds / size) * 30;
  const lines = [
    `# Notebook grading (${nb.id}, process isolation)`,
    '',
    `${os.availableParallelism()} cores, Node ${process.version}, load average at the start ${load} (1 / 5 / 15 min).`,
    '',
    '| run | seconds | goal | met | statuses |',
    '|---|---|---|---|---|',
    `| one submission | ${round(one.seconds)} | ≤ 30 | ${one.seconds <= 30 ? 'yes' : 'no'} | ${JSON.stringify(one.statuses)} |`,
    `| class of ${size}, 2 jobs | ${round(cls.seconds)} | — | — | ${JSON.stringify(cls.statuses)} |`,
    `| class of 30, 2 jobs${size === 30 ? '' : ' (extrapolated)'} | ${round(for30)} | ≤ 480 | ${for30 <= 480 ? 'yes' : 'no'} | |`,
    '',
  ];
  const out = path.join(__dirname, 'results', 'notebook-grading.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n'));
  console.log(lines.join('\n'));
  console.log(`wrote ${path.relative(REPO_ROOT, out)}`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
