/**
 * Mocha's global fixture: builds the datasets once, before any test file runs.
 *
 * Mocha runs test files in the order the file system lists them, which differs between
 * machines, and graders and notebooks read the built datasets from the repository (or from a
 * sandbox copy of it). So no test may rely on another test file having built them first.
 */
import { ensureDatasets } from '../../datasets/read';

export async function mochaGlobalSetup(): Promise<void> {
  await ensureDatasets({ log: (line) => console.log(line) });
}
