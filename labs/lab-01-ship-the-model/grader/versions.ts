/**
 * The models folders the checks serve instead of one intact version: several versions whose
 * order only numbers get right, and the clutter a real folder collects.
 */
import { servedApp } from '../../../grading/harness';
import { APP, START_MS } from './http';

/** Versions, and things that are not versions: a model copy called "latest", a backup, a folder of notes, a file. */
export const CLUTTERED = [
  { name: '1.9.0' },
  { name: '1.0.0' },
  { name: '1.10.0' },
  { name: '1.2.0' },
  { name: 'latest' },
  { name: '2.0.0.bak' },
  { name: 'archive', kind: 'folder' },
  { name: '9.9.9', kind: 'file' },
];
/** The version folders of CLUTTERED, oldest first. */
export const CLUTTERED_VERSIONS = ['1.0.0', '1.2.0', '1.9.0', '1.10.0'];

/** Three clean versions. */
export const THREE = [{ name: '1.0.0' }, { name: '1.9.0' }, { name: '1.10.0' }];

/** The learner's app over a fresh models folder holding `entries`, started once per submission. */
export function appOver(instance: string, entries: ReadonlyArray<{ name: string; kind?: string }>): Promise<string> {
  return servedApp(APP, 'createLabApp', [{ entries }], { startMs: START_MS, instance });
}
