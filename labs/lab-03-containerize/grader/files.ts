/** The submitted files, read as text by the grader, and how a check reports problems. */
import { submission } from '../../../grading/harness';
import * as compose from './compose';
import * as df from './containerfile';

/** Fails the check with every problem found, one per line. */
export function expectNone(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what}:\n  - ${problems.join('\n  - ')}`);
}

export const dockerfile = (): ReturnType<typeof df.stagesOf> => df.stagesOf(submission().readText('Dockerfile'));
export const composeFile = (): string[] => compose.composeLines(submission().readText('compose.yaml'));
export const ignores = (): string[] => df.ignoreEntries(submission().readText('.dockerignore'));
