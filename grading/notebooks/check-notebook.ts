/**
 * `npm run check -- nb-NN [--file PATH]`: a learner runs their notebook (default: the lesson's
 * `notebooks/NN-*.ipynb`) in the course kernel, as the grader will, and sees the public checks
 * of every exercise, and how many points of hidden checks are left for the grader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Results, testLines } from '../harness/results';
import { UsageError } from '../lib/usage';
import { InvalidSubmission } from '../lib/unpack';
import { acquireSlot } from '../sandbox/slots';
import { publicOnlyLine } from '../term/visibility';
import { gradeNotebook } from './grade';
import { resolveNotebook } from './notebooks';

function print(title: string, r: Results, hiddenPoints: number): boolean {
  console.log(
    `\n${title}\nPublic checks: ${r.score} / ${r.max_score}${r.extra_data.status === 'graded' ? '' : `  (${r.extra_data.status})`}\n`,
  );
  for (const t of r.tests) {
    console.log(testLines(t));
  }
  if (r.output !== 'Graded.') console.log(`\n${r.output}`);
  const all = r.score >= r.max_score && r.max_score > 0;
  console.log(
    `\n${publicOnlyLine(r.score, r.max_score, hiddenPoints)}.`,
    all ? 'Every public check passes.' : 'Fix the ✗ checks above, then run this again.',
  );
  return all;
}

/** Runs the check; exit code 0 when every public check passes, 1 otherwise. */
export async function checkNotebook(name: string, fileOption: string | undefined): Promise<number> {
  const nb = resolveNotebook(name);
  const file = path.resolve(fileOption ?? nb.learnerFile);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`--file ${file} is not a file`);
  const lease = acquireSlot();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-check-'));
  fs.chmodSync(workDir, 0o711);
  try {
    console.error(`running ${path.basename(file)} in the course kernel (about a minute)…`);
    const r = await gradeNotebook({ nb, file, submission: path.basename(file), workDir, slot: lease.slot, publicOnly: true });
    return print(nb.config.title, r, nb.config.max_score - r.max_score) ? 0 : 1;
  } catch (e) {
    if (e instanceof InvalidSubmission) throw new UsageError(`${path.basename(file)}: ${e.message}`);
    throw e;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    lease.release();
  }
}
