/**
 * Notebook grading speed: one submission (goal ≤ 30 s) and a class of 30 (goal ≤ 8 min on 2
 * cores, two jobs), each executed in the course kernel inside a sandbox slot, and where one
 * submission's time goes. The lesson is $BENCH_NOTEBOOK (default nb-03); the class is solutions,
 * starters and the faulty fixtures, round robin. $BENCH_CLASS_SIZE makes the class smaller on a
 * busy machine: the figure for 30 is then extrapolated and marked so. Writes the lesson's section
 * of bench/results/notebook-grading.md (between its markers; the rest of the file is kept).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { graderCells } from '../grading/exercises/hook';
import { gradeBatch } from '../grading/lib/batch';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { listSubmissions } from '../grading/lib/submissions';
import { faultyNotebook, listNotebookFaults } from '../grading/notebooks/faults';
import { notebookKind } from '../grading/notebooks/grade';
import { readSubmission, withHook } from '../grading/notebooks/inspect';
import { resolveNotebook } from '../grading/notebooks/notebooks';
import { runNotebook, stageNotebook } from '../grading/notebooks/run';
import { acquireSlot } from '../grading/sandbox/slots';

const nb = resolveNotebook(process.env['BENCH_NOTEBOOK'] ?? 'nb-03');
const size = Number(process.env['BENCH_CLASS_SIZE'] ?? 30);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-nbbench-'));
fs.chmodSync(work, 0o711);

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

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

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
  return { seconds: seconds(t0), statuses: summary.statuses };
}

/** Seconds for the batch's worker process to start: tsx compiling and loading its modules. */
function workerStart(): number {
  const runner = path.join(REPO_ROOT, 'grading', 'notebooks', 'grade-one-notebook.ts');
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', `require(${JSON.stringify(runner)})`]);
  if (run.status !== 0) throw new Error(`the grading worker did not load: ${run.stderr.toString().slice(0, 300)}`);
  return seconds(t0);
}

/** One solution run, outside the batch, split by what the runner reported. */
async function breakdown(): Promise<Array<[string, number]>> {
  const { notebook, firstHook, skipped } = withHook(readSubmission(nb.solutionFile), graderCells(nb.id, nb.exercises));
  const lease = acquireSlot();
  const { spec, file } = stageNotebook(notebook, work, lease.slot);
  try {
    const run = await runNotebook({ nb, spec, file, firstHook, hidden: true, timeoutS: nb.config.timeouts.submission_s });
    if (run.status !== 'graded') throw new Error(`the solution was not graded: ${run.status} ${run.detail}`);
    const { cells, kernelStartS = 0, totalS } = run.timings;
    const firstCode = notebook.cells.findIndex((c) => c.cell_type === 'code');
    const sum = (keep: (i: number) => boolean): number => cells.filter((c) => keep(c.index)).reduce((s, c) => s + c.seconds, 0);
    return [
      ['grading worker start (tsx loads grade-one-notebook.ts)', workerStart()],
      ['runner start (Python, nbclient) and kernel shutdown', totalS - kernelStartS - sum(() => true)],
      ['kernel start (tslab, until it answers)', kernelStartS],
      ["the lesson's setup cell (tslab compiles the toolkit it imports)", sum((i) => i === firstCode)],
      [
        `the other learner cells, up to the last checker (${skipped} code cells after it not run)`,
        sum((i) => i > firstCode && i < firstHook),
      ],
      ["the hook's setup cell (compiles the checks)", sum((i) => i === firstHook)],
      ["the hook's exercise cells (the checks)", sum((i) => i > firstHook)],
      ['runner total', totalS],
    ];
  } finally {
    lease.release();
    fs.rmSync(spec.rootDir, { recursive: true, force: true });
  }
}

const round = (s: number): number => Math.round(s * 10) / 10;
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** `text` with the lesson's section (between its markers) replaced by `section`, or added at the end. */
function withSection(text: string, section: string[]): string {
  const [begin, end] = [`<!-- bench ${nb.id} -->`, `<!-- /bench ${nb.id} -->`];
  const block = [begin, ...section, end].join('\n');
  const at = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (at >= 0 && stop > at) return text.slice(0, at) + block + text.slice(stop + end.length);
  return `${text.trimEnd()}\n\n${block}\n`;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const parts = await breakdown();
  const one = await timeBatch(1, 1);
  const cls = await timeBatch(size, 2);
  const for30 = (cls.seconds / size) * 30;
  const lines = [
    `## ${nb.id}, process isolation (${new Date().toISOString().slice(0, 10)})`,
    '',
    `${os.availableParallelism()} cores, Node ${process.version}; load average (1 / 5 / 15 min) ${loadBefore} at the start, ${load()} at the end.`,
    '',
    '| run | seconds | goal | met | statuses |',
    '|---|---|---|---|---|',
    `| one submission | ${round(one.seconds)} | ≤ 30 | ${one.seconds <= 30 ? 'yes' : 'no'} | ${JSON.stringify(one.statuses)} |`,
    `| class of ${size}, 2 jobs | ${round(cls.seconds)} | — | — | ${JSON.stringify(cls.statuses)} |`,
    `| class of 30, 2 jobs${size === 30 ? '' : ' (extrapolated)'} | ${round(for30)} | ≤ 480 | ${for30 <= 480 ? 'yes' : 'no'} | |`,
    '',
    'Where one submission (the solution) spends its time, outside the batch:',
    '',
    '| part | seconds |',
    '|---|---|',
    ...parts.map(([what, s]) => `| ${what} | ${round(s)} |`),
  ];
  const out = path.join(__dirname, 'results', 'notebook-grading.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Notebook grading\n';
  fs.writeFileSync(out, withSection(before, lines));
  console.log(lines.join('\n'));
  console.log(`wrote ${path.relative(REPO_ROOT, out)}`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
