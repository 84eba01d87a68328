/**
 * Grades a class: each submission unpacked, then graded by its own process (runner/grade-one)
 * with a wall-clock limit, `jobs` at a time. Whatever one submission does, the batch finishes
 * and every submission gets a row.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyResults, type Results } from '../harness/results';
import { type Isolation, killSlot } from '../sandbox/isolation';
import { acquireSlot } from '../sandbox/slots';
import type { Job } from '../runner/grade-one';
import type { Lab } from './labs';
import { gradesCsv, summarize, summaryMarkdown, type Summary } from './reports';
import { writeFeedback, writeResults } from '../term/feedback';
import { graderRecord, stampResults } from '../term/provenance';
import { protectSolutions } from './stage';
import { InvalidSubmission } from './unpack';
import { prepare, type SubmissionEntry } from './submissions';

export interface BatchOptions {
  lab: Lab;
  entries: SubmissionEntry[];
  outDir: string;
  jobs: number;
  isolation: Isolation;
  /** Wall-clock limit per submission (s); defaults to the lab's. */
  timeoutS?: number;
  /** Called after each submission (for progress output). */
  onResult?: (r: Results) => void;
  /**
   * Called once per lane after its last submission, while its slot is still leased: until the
   * release no other grading run can start processes under the slot's uid (the meta-tests look
   * for leftovers then).
   */
  beforeRelease?: (slot: number) => void | Promise<void>;
  /** How one submission is prepared and graded when it is not a lab's (notebooks); labs by default. */
  kind?: GraderKind;
}

/** The per-submission steps of a kind of work: labs (the default) or notebooks (grading/notebooks/). */
export interface GraderKind {
  /** Script run as the per-submission process: given the job's JSON, then `args`. */
  runner: string;
  args: string[];
  /** Unpacks and checks a submission into `dest`; returns the folder the runner reads. @throws InvalidSubmission */
  prepare(entry: SubmissionEntry, dest: string): Promise<string>;
  /** The reproducibility record's batch-wide part. */
  record(): ReturnType<typeof graderRecord>;
}

const GRADE_ONE = path.join(__dirname, '..', 'runner', 'grade-one.ts');

function runJob(job: Job, timeoutS: number, isolation: Isolation, kind?: GraderKind): Promise<'done' | 'timeout' | string> {
  return new Promise((resolve) => {
    const script = kind ? [kind.runner, JSON.stringify(job), ...kind.args] : [GRADE_ONE, JSON.stringify(job)];
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), ...script], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      timedOut = true;
      // The runner leads its own process group: this kills it and the sandbox it started.
      if (isolation === 'docker') spawnSync('docker', ['rm', '-f', `grade-${child.pid}-${job.slot}`], { stdio: 'ignore', timeout: 20000 });
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutS * 1000);
    let timedOut = false;
    child.on('close', (code) => {
      clearTimeout(timer);
      // Whatever ended the runner, nothing the submission started may outlive its job.
      if (isolation === 'process') killSlot(job.slot);
      resolve(timedOut ? 'timeout' : code === 0 ? 'done' : `the grader stopped (code ${code}): ${err.trim().split('\n').pop() ?? ''}`);
    });
  });
}

async function gradeOne(o: BatchOptions, entry: SubmissionEntry, slot: number, workDir: string): Promise<Results> {
  const id = entry.id;
  const out = path.join(o.outDir, 'submissions', id);
  const max = o.lab.config.max_score;
  const t0 = Date.now();
  const seconds = (): number => Math.round((Date.now() - t0) / 100) / 10;
  const writeEmpty = (status: Results['extra_data']['status'], reason: string): Results => {
    const r = emptyResults(o.lab.config.id, id, max, status, reason, seconds());
    writeResults(out, r);
    writeFeedback(out, o.lab.config.title, r);
    return r;
  };
  let source: string;
  try {
    const dest = path.join(workDir, `in-${slot}-${id.replace(/[^\w.-]/g, '_')}`);
    source = o.kind ? await o.kind.prepare(entry, dest) : await prepare(entry, o.lab.config, dest);
  } catch (e) {
    if (e instanceof InvalidSubmission) return writeEmpty('invalid', `invalid submission: ${e.message}`);
    throw e;
  }
  const job: Job = { labDir: o.lab.dir, id, source, outDir: out, workDir, isolation: o.isolation, slot, publicOnly: false };
  const timeoutS = o.timeoutS ?? o.lab.config.timeouts.submission_s;
  const outcome = await runJob(job, timeoutS, o.isolation, o.kind);
  fs.rmSync(source, { recursive: true, force: true });
  if (outcome === 'timeout') return writeEmpty('timeout', `stopped after ${timeoutS} s (the whole submission's time limit)`);
  if (outcome !== 'done') return writeEmpty('crashed', outcome);
  return JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
}

/** Writes grades.csv, summary.json and summary.md for `all` into `outDir`. */
export function writeClassReports(labId: string, all: Results[], outDir: string): Summary {
  const summary = summarize(labId, all);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'grades.csv'), gradesCsv(all));
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'summary.md'), summaryMarkdown(summary));
  return summary;
}

/**
 * Grades every entry; results in entry order, and the job slots (sandbox uids) it leased.
 * Each lane leases its slot for the whole batch, so no other grading run uses its uid meanwhile.
 */
export async function gradeBatch(o: BatchOptions): Promise<{ results: Results[]; summary: Summary; slots: number[] }> {
  protectSolutions();
  // Feedback names instructor checks: private to the grader, like the inputs it unpacks.
  fs.mkdirSync(path.join(o.outDir, 'submissions'), { recursive: true, mode: 0o700 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-grade-'));
  fs.chmodSync(workDir, 0o711);
  const results: Results[] = new Array(o.entries.length);
  let next = 0;
  const slots: number[] = [];
  const grader = o.kind ? o.kind.record() : graderRecord(o.lab);
  const lane = async (): Promise<void> => {
    const lease = acquireSlot();
    slots.push(lease.slot);
    try {
      while (next < o.entries.length) {
        const i = next++;
        const entry = o.entries[i]!;
        results[i] = stampResults(
          path.join(o.outDir, 'submissions', entry.id),
          await gradeOne(o, entry, lease.slot, workDir),
          grader,
          entry,
        );
        o.onResult?.(results[i]!);
      }
      await o.beforeRelease?.(lease.slot);
    } finally {
      lease.release();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, o.entries.length)) }, () => lane()));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return { results, summary: writeClassReports(o.lab.config.id, results, o.outDir), slots: slots.sort((a, b) => a - b) };
}
