/**
 * Mocha's global fixtures: builds the datasets once, before any test file runs, and after the
 * summary prints the slowest test files (see file-timings.ts).
 *
 * Mocha runs test files in the order the file system lists them, which differs between
 * machines, and graders and notebooks read the built datasets from the repository (or from a
 * sandbox copy of it). So no test may rely on another test file having built them first.
 */
import * as path from 'node:path';
import { ensureDatasets } from '../../datasets/read';
import { FileTimings, formatTimings } from './file-timings';

const ROOT = path.resolve(__dirname, '..', '..');
const timings = new FileTimings(Date.now());
const fileOf = (ctx: Mocha.Context): string => path.relative(ROOT, ctx.currentTest?.file ?? 'unknown');
/** The title of the test's outermost describe (the root suite's title is empty). */
function topSuite(ctx: Mocha.Context): string {
  let suite = ctx.currentTest?.parent;
  while (suite?.parent && !suite.parent.root) suite = suite.parent;
  return suite?.title ?? '';
}
const filesSeen = new Set<string>();

export async function mochaGlobalSetup(): Promise<void> {
  await ensureDatasets({ log: (line) => console.log(line) });
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    const file = fileOf(this);
    filesSeen.add(file);
    timings.testStarts(file, topSuite(this), Date.now());
  },
  afterEach(this: Mocha.Context): void {
    timings.testEnds(fileOf(this), topSuite(this), Date.now());
  },
};

/** Only for a run of many files (npm test), where it says what to make faster. */
export function mochaGlobalTeardown(): void {
  if (filesSeen.size < 10) return;
  console.log('\n  slowest test files (wall clock, before hooks included):');
  for (const line of formatTimings(timings.slowest(15))) console.log(line);
}
