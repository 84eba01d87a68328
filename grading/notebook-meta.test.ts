/**
 * Meta-tests of the notebook graders, in the real kernel and the sandbox (as `meta.test.ts` is
 * for labs): for every lesson with exercises, its solution notebook scores 100 % and its learner
 * notebook (all stubs) at most 10 %; for the lessons in FULL, also each faulty fixture
 * (`solutions/notebooks/submissions/nb-NN-*`) within its range and the hostile set
 * (`grading/notebooks/hostile.ts`) with the right status, score and reason.
 *
 * Cost: a notebook run is ~30–60 s of kernel time here (two at a time): two runs per lesson, plus
 * one per fixture and eight short ones for a FULL lesson (its hostile notebooks stop after the
 * exercises; three are refused before anything runs). About 1 min per lesson and 4 min more for
 * a FULL one on an idle 2-core machine. NOTEBOOK_META=nb-03,nb-05 picks the FULL lessons (default
 * nb-03); NOTEBOOK_META=none checks solution and starter only; `--grep nb-03` runs one lesson
 * (and grades the next one beside it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Results } from './harness/results';
import { gradeBatch } from './lib/batch';
import { listSubmissions } from './lib/submissions';
import { notebookKind } from './notebooks/grade';
import { faultyNotebook, listNotebookFaults, readNotebookFault } from './notebooks/faults';
import { HOSTILE_NOTEBOOKS, writeHostileNotebooks } from './notebooks/hostile';
import { gradableNotebooks, type NotebookLab, resolveNotebook } from './notebooks/notebooks';
import { isRoot, sandboxUid } from './sandbox/isolation';
import { pidsOfUid } from './sandbox/memory';
import { jupyterAvailable } from '../notebook-tools/execute';

const FULL = (process.env['NOTEBOOK_META'] ?? 'nb-03').split(',').filter((n) => n && n !== 'none');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-nbmeta-'));

/** Pids still running as `uid` after up to 5 s: a killed process takes a moment to leave /proc. */
async function stillRunning(uid: number): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let pids = pidsOfUid(uid);
  while (pids.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    pids = pidsOfUid(uid);
  }
  return pids;
}

/**
 * Grades every notebook in `dir`, two at a time; `first` start before the others (the ones that
 * run longest: two lanes take the next notebook as they free up, so the batch ends soonest when
 * the long ones do not come last).
 */
async function grade(
  nb: NotebookLab,
  dir: string,
  options: { timeoutS?: number; first?: string[]; jobs?: number } = {},
): Promise<Map<string, Results>> {
  const first = options.first ?? [];
  const rank = (id: string): number => (first.includes(id) ? first.indexOf(id) : first.length);
  const entries = listSubmissions(dir, /\.ipynb$/i).entries.sort((a, b) => rank(a.id) - rank(b.id));
  const leftovers: number[] = [];
  const { results } = await gradeBatch({
    lab: nb,
    entries,
    outDir: path.join(work, `out-${path.basename(dir)}`),
    jobs: options.jobs ?? 2,
    isolation: 'process',
    timeoutS: options.timeoutS,
    kind: notebookKind(nb),
    beforeRelease: async (slot) => void (isRoot() && leftovers.push(...(await stillRunning(sandboxUid(slot))))),
  });
  const byId = new Map(results.map((r) => [r.extra_data.submission, r]));
  assert.deepEqual(
    leftovers,
    [],
    `processes of the sandbox were still running after the batch (${[...byId.values()].map((r) => `${r.extra_data.submission} ${r.extra_data.status}`).join(', ')})`,
  );
  return byId;
}

function write(dir: string, name: string, text: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.ipynb`), text);
}

describe('notebook graders (meta-tests, in the kernel)', function () {
  this.timeout(40 * 60 * 1000);
  before(function () {
    if (!jupyterAvailable()) this.skip();
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  // A lesson's class: its solution, its starter, and a FULL lesson's faulty fixtures. While one
  // lesson's test waits for its class, the next lesson's is graded beside it (one job each; a
  // two-job batch per lesson would leave a lane idle while the solution runs, once per lesson).
  // With --grep, at most one lesson more than asked for is graded.
  const lessons: NotebookLab[] = [];
  const missing: Array<{ nn: string; error: Error }> = [];
  for (const nn of gradableNotebooks()) {
    try {
      lessons.push(resolveNotebook(nn));
    } catch (e) {
      missing.push({ nn, error: e as Error });
    }
  }
  const classes = new Map<string, Promise<Map<string, Results>>>();
  const gradeClass = (nb: NotebookLab): Promise<Map<string, Results>> => {
    let graded = classes.get(nb.id);
    if (!graded) {
      const dir = path.join(work, `${nb.id}-class`);
      write(dir, 'solution', fs.readFileSync(nb.solutionFile, 'utf8'));
      write(dir, 'starter', fs.readFileSync(nb.learnerFile, 'utf8'));
      const faults = FULL.includes(nb.id) ? listNotebookFaults(nb) : [];
      for (const f of faults) write(dir, f, JSON.stringify(faultyNotebook(nb, f)));
      graded = grade(nb, dir, { first: ['solution', ...faults], jobs: faults.length > 0 ? 2 : 1 });
      classes.set(nb.id, graded);
    }
    return graded;
  };

  // A lesson whose exercises have no checks yet: one failing test that says which file is missing.
  for (const { nn, error } of missing) it(`nb-${nn} has its public and hidden checks`, () => assert.fail(error.message));

  for (const nb of lessons) {
    const full = FULL.includes(nb.id);
    describe(nb.id, () => {
      it(`scores the solution 100 %, the starter ≤ 10 %${full ? ', and each faulty fixture within its range' : ''}`, async () => {
        const mine = gradeClass(nb);
        const next = lessons[lessons.indexOf(nb) + 1];
        if (next) void gradeClass(next).catch(() => undefined); // its own test reports a failure
        const r = await mine;
        const faults = full ? listNotebookFaults(nb) : [];
        assert.equal(
          r.get('solution')?.score,
          nb.config.max_score,
          `solution: ${JSON.stringify(r.get('solution')?.tests.filter((t) => t.score < t.max_score))}`,
        );
        assert.equal(r.get('solution')?.max_score, nb.config.max_score);
        assert.ok((r.get('starter')?.score ?? 1) <= 0.1 * nb.config.max_score, `starter scored ${r.get('starter')?.score}`);
        for (const f of faults) {
          const { min, max, description } = readNotebookFault(f);
          const got = r.get(f)!;
          assert.ok(
            got.extra_data.status === 'graded' && got.score >= min && got.score <= max && got.score < nb.config.max_score,
            `${f} (${description}): scored ${got.score}, status ${got.extra_data.status}; expected ${min}–${max}`,
          );
        }
      });

      if (full) {
        it('gives each hostile notebook its status, score and reason, and grades the rest of the batch', async () => {
          const dir = path.join(work, `${nb.id}-hostile`);
          writeHostileNotebooks(nb, dir);
          // The notebook that hangs holds its lane until the time limit: it starts first. The
          // limit only has to outlast the other lane's short notebooks (each well under a minute).
          const r = await grade(nb, dir, { timeoutS: 100, first: ['hangs'] });
          const wrong = HOSTILE_NOTEBOOKS.filter((h) => !(!isRoot() && h.name === 'reads-hidden-checks')).flatMap((h) => {
            const got = r.get(h.name);
            const ok = got && got.extra_data.status === h.status && got.score === h.score(nb) && h.reason.test(got.output);
            return ok
              ? []
              : [
                  `${h.name}: expected ${h.status} ${h.score(nb)} ${h.reason}, got ${got?.extra_data.status} ${got?.score} "${got?.output}"`,
                ];
          });
          assert.deepEqual(wrong, []);
        });
      }
    });
  }
});
