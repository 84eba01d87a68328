import type { LoadedModel, ModelSource } from '../../../server-template/src/contracts';
// TODO(lab-01-ship-the-model): import what you need to read folders and to answer 404 (HttpError)

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
  void [a, b]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — split on \".\" and compare the parts as numbers, left to right");
}

/**
 * Version folders under `<modelsDir>/<name>/`, oldest first.
 * @returns e.g. ["1.0.0", "1.1.0"]; empty when the folder does not exist
 */
export async function listVersions(modelsDir: string, name: string): Promise<string[]> {
  void [modelsDir, name]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — readdir with withFileTypes, keep directories named like 1.2.3, sort with compareVersions");
}

/** Wrap an artifact as the service's `LoadedModel`. */
export function toLoadedModel(artifact: Artifact, name: string, version: string): LoadedModel {
  void [artifact, name, version]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — copy threshold and metadata; predictProba must call the artifact's own");
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
    void [version]; // your inputs
    throw new Error("lab-01-ship-the-model: not implemented — pick the latest of versions() when no version is given; 404 when it is not on disk");
  }

  /** Open a version and make it the one that answers. A failed open keeps the current model. */
  async load(version?: string): Promise<LoadedModel> {
    void [version]; // your inputs
    throw new Error("lab-01-ship-the-model: not implemented — open first, assign this.active only once it succeeded");
  }
}
