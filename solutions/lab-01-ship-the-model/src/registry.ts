import type { LoadedModel, ModelSource } from '../../../server-template/src/contracts';
// BEGIN SOLUTION hint: import what you need to read folders and to answer 404 (HttpError)
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { HttpError } from '../../../server-template/src/errors';
// END SOLUTION

/** What the toolkit's `loadArtifact(dir)` returns (checksums already verified). */
export interface Artifact {
  dir: string;
  metadata: object;
  /** Probability threshold: `probability >= threshold` means spam. */
  threshold: number;
  /** @returns one spam probability in [0, 1] per text */
  predictProba(texts: string[]): number[];
}

/** Reads and verifies one artifact folder; throws an error naming the missing or corrupt file. */
export type OpenArtifact = (dir: string) => Artifact | Promise<Artifact>;

export interface DiskRegistryOptions {
  /** Folder holding `<name>/<version>/`. */
  modelsDir: string;
  /** Model name, e.g. `spam`. */
  name: string;
  /** Usually the toolkit's `loadArtifact`. */
  openArtifact: OpenArtifact;
}

/** A version folder's name: 1.0.0, 2.1, 1.0.0-rc.1 (other folders are ignored). */
export const VERSION_FOLDER = /^\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?$/;

/**
 * Orders version strings numerically: 1.10.0 after 1.9.0 (a plain string sort gets this wrong).
 * @returns negative when a < b, 0 when equal, positive when a > b
 */
export function compareVersions(a: string, b: string): number {
  // BEGIN SOLUTION hint: split on "." and compare the parts as numbers, left to right
  const pa = a.split(/[-+]/)[0].split('.').map(Number);
  const pb = b.split(/[-+]/)[0].split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  // Numbers equal (a missing part is 0, so 1.2 = 1.2.0): only a -rc/+build suffix can still differ.
  const [sa, sb] = [a.slice(a.split(/[-+]/)[0].length), b.slice(b.split(/[-+]/)[0].length)];
  return sa < sb ? -1 : sa > sb ? 1 : 0;
  // END SOLUTION
}

/**
 * Version folders under `<modelsDir>/<name>/`, oldest first.
 * @returns e.g. ["1.0.0", "1.1.0"]; empty when the folder does not exist
 */
export async function listVersions(modelsDir: string, name: string): Promise<string[]> {
  // BEGIN SOLUTION hint: readdir with withFileTypes, keep directories named like 1.2.3, sort with compareVersions
  const entries = await readdir(path.join(modelsDir, name), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries
    .filter((e) => e.isDirectory() && VERSION_FOLDER.test(e.name))
    .map((e) => e.name)
    .sort(compareVersions);
  // END SOLUTION
}

/** Wrap an artifact as the service's `LoadedModel`. */
export function toLoadedModel(artifact: Artifact, name: string, version: string): LoadedModel {
  // BEGIN SOLUTION hint: copy threshold and metadata; predictProba must call the artifact's own
  return {
    info: { name, version },
    threshold: artifact.threshold,
    metadata: artifact.metadata as Readonly<Record<string, unknown>>,
    predictProba: (texts) => artifact.predictProba(texts),
  };
  // END SOLUTION
}

/**
 * Models on disk under `models/<name>/<version>/`, and the one that answers now.
 * Swapping is one assignment, so a request sees either the old model or the new one.
 */
export class DiskModelRegistry implements ModelSource {
  private active: LoadedModel | undefined;

  constructor(private readonly options: DiskRegistryOptions) {}

  current(): LoadedModel | undefined {
    return this.active;
  }

  versions(): Promise<string[]> {
    return listVersions(this.options.modelsDir, this.options.name);
  }

  /** Read and verify a version (the latest when omitted) without making it current. */
  async open(version?: string): Promise<LoadedModel> {
    // BEGIN SOLUTION hint: pick the latest of versions() when no version is given; 404 when it is not on disk
    const { modelsDir, name, openArtifact } = this.options;
    const available = await this.versions();
    const chosen = version ?? available[available.length - 1];
    if (chosen === undefined) {
      throw new HttpError(404, 'model_not_found', `No versions of model "${name}" in ${path.join(modelsDir, name)}.`);
    }
    if (!available.includes(chosen)) {
      throw new HttpError(404, 'version_not_found', `Model "${name}" has no version "${chosen}".`, { available });
    }
    const artifact = await openArtifact(path.join(modelsDir, name, chosen));
    return toLoadedModel(artifact, name, chosen);
    // END SOLUTION
  }

  /** Open a version and make it the one that answers. A failed open keeps the current model. */
  async load(version?: string): Promise<LoadedModel> {
    // BEGIN SOLUTION hint: open first, assign this.active only once it succeeded
    const model = await this.open(version);
    this.active = model;
    return model;
    // END SOLUTION
  }
}
