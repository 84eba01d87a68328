/**
 * Grades one submission; run by `npm run grade` as its own process (one per submission), so a
 * run that has to be killed takes nothing else with it. Writes `results.json` and
 * `feedback.md` into the output folder given in the job.
 *
 * Usage: tsx grading/runner/grade-one.ts '<job JSON>'
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFeedback } from '../term/feedback';
import { referenceLabs } from '../lib/builds-on';
import { learnerLabsOf } from '../lib/learner-labs';
import { type LabConfig, readLabConfig } from '../lib/labs';
import { stage } from '../lib/stage';
import type { Isolation } from '../sandbox/isolation';
import { runGraders } from './run-graders';

/** What grade.ts hands to this process. */
export interface Job {
  labDir: string;
  id: string;
  /** Unpacked submission (the learner's lab folder). */
  source: string;
  outDir: string;
  workDir: string;
  isolation: Isolation;
  slot: number;
  publicOnly: boolean;
}

function graderFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.grader.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Public grader files, then instructor ones (unless publicOnly). */
export function gradersOf(labDir: string, publicOnly: boolean): string[] {
  return [...graderFiles(path.join(labDir, 'grader')), ...(publicOnly ? [] : graderFiles(path.join(labDir, 'instructor')))];
}

async function main(job: Job): Promise<void> {
  const config: LabConfig = readLabConfig(path.join(job.labDir, 'lab.json'));
  const spec = stage({
    labId: config.id,
    source: job.source,
    workDir: job.workDir,
    isolation: job.isolation,
    slot: job.slot,
    memoryMb: config.memory_mb,
    name: `grade-${process.pid}-${job.slot}`,
    earlier: referenceLabs(config),
    learnerLabs: learnerLabsOf(config),
  });
  try {
    const results = await runGraders({
      lab: { config, dir: job.labDir },
      submission: job.id,
      files: gradersOf(job.labDir, job.publicOnly),
      instructorDir: path.join(job.labDir, 'instructor'),
      spec,
    });
    fs.mkdirSync(job.outDir, { recursive: true });
    fs.writeFileSync(path.join(job.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    writeFeedback(job.outDir, config.title, results);
  } finally {
    fs.rmSync(spec.rootDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(JSON.parse(process.argv[2] ?? '{}') as Job).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(3);
    },
  );
}
