/**
 * `npm run check -- <lab> [--dir PATH]`: run a lab's public checks against your work
 * (`labs/<lab>/` by default) and print the score, each check, and hints.
 * `npm run check -- nb-NN [--file PATH]`: the same for a notebook's exercises (grading/notebooks/).
 * Exit code 0 on full marks, 1 otherwise, 2 on a usage error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { referenceLabs } from '../lib/builds-on';
import { learnerLabsOf } from '../lib/learner-labs';
import { resolveLab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { parseCommandLine, runCli, UsageError } from '../lib/cli';
import { stage } from '../lib/stage';
import { gradersOf } from '../runner/grade-one';
import { runGraders } from '../runner/run-graders';
import { checkFolder } from '../lib/unpack';
import { acquireSlot } from '../sandbox/slots';
import { publicOnlyLine } from '../term/visibility';
import { testLines } from '../harness/results';
import { checkNotebook } from '../notebooks/check-notebook';
import { isNotebookName } from '../notebooks/notebooks';

const USAGE =
  'usage: npm run check -- <lab> [--dir PATH]   (lab: lab-00, 00, or the folder name)\n' +
  "       npm run check -- nb-NN [--file PATH]   (a notebook's exercises; default file notebooks/NN-*.ipynb)";

runCli(async () => {
  const { positionals, values } = parseCommandLine(
    { args: process.argv.slice(2), options: { dir: { type: 'string' }, file: { type: 'string' } }, allowPositionals: true },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(USAGE);
  if (isNotebookName(positionals[0] ?? '')) {
    if (values.dir !== undefined) throw new UsageError('--dir is for labs; give a notebook with --file PATH');
    return checkNotebook(positionals[0] ?? '', values.file);
  }
  if (values.file !== undefined) throw new UsageError('--file is for notebooks (nb-NN); give a lab folder with --dir PATH');
  const lab = resolveLab(path.join(REPO_ROOT, 'labs'), positionals[0] ?? '');
  const dir = path.resolve(values.dir ?? lab.dir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--dir ${dir} is not a folder`);
  checkFolder(dir);
  // Earlier labs come from their reference solutions: this lab's score is this lab's work only.
  const earlier = referenceLabs(lab.config);
  const lease = acquireSlot();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-check-'));
  fs.chmodSync(workDir, 0o711);
  const spec = stage({
    labId: lab.config.id,
    source: dir,
    workDir,
    isolation: 'process',
    slot: lease.slot,
    memoryMb: lab.config.memory_mb,
    name: 'check',
    earlier,
    learnerLabs: learnerLabsOf(lab.config),
  });
  try {
    const r = await runGraders({ lab, submission: path.basename(dir), files: gradersOf(lab.dir, true), spec });
    const skipped = r.extra_data.skipped_points ? `  (${r.extra_data.skipped_points} points of checks skipped on this machine)` : '';
    console.log(
      `\n${lab.config.title}\nScore: ${r.score} / ${r.max_score}${r.extra_data.status === 'graded' ? '' : `  (${r.extra_data.status})`}${skipped}\n`,
    );
    for (const t of r.tests) {
      if (t.status === 'skipped') {
        console.log(`– ${t.name}  (${t.output})`);
        continue;
      }
      console.log(testLines(t));
    }
    if (r.extra_data.status !== 'graded') console.log(`\n${r.output}`);
    const hidden = lab.config.max_score - r.max_score - (r.extra_data.skipped_points ?? 0);
    console.log(
      `\n${publicOnlyLine(r.score, r.max_score, hidden)}.`,
      r.score >= r.max_score && r.max_score > 0 ? 'Every public check passes.' : 'Fix the ✗ checks above, then run this again.',
    );
    return r.score >= r.max_score && r.max_score > 0 ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    lease.release();
  }
});
