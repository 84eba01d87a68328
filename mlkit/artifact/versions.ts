/** The versions of a model in a models folder, in semantic-version order. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkName, compareVersions, isVersion } from './metadata';
import { METADATA_FILE } from './save';

/**
 * Versions of `name` under `root` that hold a metadata.json, oldest first.
 * @returns e.g. `['1.0.0', '1.1.0', '2.0.0']`; empty when the model has no versions.
 */
export function listVersions(root: string, name: string): string[] {
  checkName(name);
  const dir = join(root, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => isVersion(v) && statSync(join(dir, v)).isDirectory() && existsSync(join(dir, v, METADATA_FILE)))
    .sort(compareVersions);
}

/** The highest version of `name`, or null when there is none. */
export function latestVersion(root: string, name: string): string | null {
  const versions = listVersions(root, name);
  return versions.length > 0 ? versions[versions.length - 1] : null;
}
