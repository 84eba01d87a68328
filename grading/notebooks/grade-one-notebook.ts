/**
 * Grades one notebook submission; run by `npm run grade -- nb-NN …` as its own process (one per
 * submission), as `grading/runner/grade-one.ts` is for labs. Writes `results.json` and the
 * feedback files into the job's output folder.
 *
 * Usage: tsx grading/notebooks/grade-one-notebook.ts '<job JSON>' nb-NN
 */
import * as path from 'node:path';
import type { Job } from '../runner/grade-one';
import { writeFeedback, writeResults } from '../term/feedback';
import { gradeNotebook, PREPARED_NAME } from './grade';
import { resolveNotebook } from './notebooks';

async function main(job: Job, name: string): Promise<void> {
  const nb = resolveNotebook(name);
  const results = await gradeNotebook({
    nb,
    file: path.join(job.source, PREPARED_NAME),
    submission: job.id,
    workDir: job.workDir,
    slot: job.slot,
    publicOnly: job.publicOnly,
  });
  writeResults(job.outDir, results);
  writeFeedback(job.outDir, nb.config.title, results);
}

if (require.main === module) {
  main(JSON.parse(process.argv[2] ?? '{}') as Job, process.argv[3] ?? '').then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(3);
    },
  );
}
