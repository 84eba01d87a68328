/** The shape of `metadata.json` (see CONTRIBUTING.md, "Model artifact contract"). */
import { createHash } from 'node:crypto';

/** Checksum and size of one file of the artifact. */
export interface FileEntry {
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly bytes: number;
}

/** One data file the model was trained, tuned or evaluated on. */
export interface DataFileEntry {
  /** Path relative to the repository root, e.g. `datasets/build/spam/train.jsonl`. */
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly spam: number;
  readonly ham: number;
}

/** Metrics of one split, as computed by `evaluateScores` (objects with more keys fit too). */
export interface SplitMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly roc_auc: number;
}

export interface ArtifactMetadata {
  readonly name: string;
  readonly version: string;
  /** ISO 8601 UTC. */
  readonly created_at: string;
  /** Every file of the artifact except metadata.json, with the checksum the loader verifies. */
  readonly files: Readonly<Record<string, FileEntry>>;
  /** Data by role (`train`, `validation`, `test`). */
  readonly training_data: Readonly<Record<string, DataFileEntry>>;
  readonly metrics: { readonly validation: SplitMetrics; readonly test: SplitMetrics; readonly [split: string]: SplitMetrics };
  /** Decision threshold on P(spam). */
  readonly threshold: number;
  /** Drift reference statistics (mlkit/drift `referenceStatistics`), or null when not computed. */
  readonly reference: unknown;
  readonly [key: string]: unknown;
}

/** What the caller supplies to `saveArtifact`; name, version, files and threshold are filled in. */
export interface MetadataExtras {
  readonly training_data: ArtifactMetadata['training_data'];
  readonly metrics: ArtifactMetadata['metrics'];
  readonly reference?: unknown;
  /** Defaults to now; pass a fixed value for byte-identical metadata. */
  readonly created_at?: string;
  readonly [key: string]: unknown;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
const VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Model names are folder names: lower-case letters, digits, `-`, `_`. */
export function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME_RE.test(name))
    throw new RangeError(`model name must match ${NAME_RE} (e.g. "spam"), got ${JSON.stringify(name)}`);
}

/** Versions are MAJOR.MINOR.PATCH, e.g. `1.0.0`. */
export function checkVersion(version: string): void {
  if (typeof version !== 'string' || !VERSION_RE.test(version))
    throw new RangeError(`version must be MAJOR.MINOR.PATCH (e.g. "1.0.0"), got ${JSON.stringify(version)}`);
}

export function isVersion(v: string): boolean {
  return VERSION_RE.test(v);
}

/** Semantic-version order: 1.2.0 < 1.10.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
