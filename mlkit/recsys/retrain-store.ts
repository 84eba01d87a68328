/**
 * Where the monthly retrain keeps things, inside the models folder the service reads:
 *   recs/<version>/                      promoted versions; the latest is the one that serves
 *   recs-retrain/candidates/recs/<v>/    every candidate, written here first; a refused one stays
 *   recs-retrain/rolled-back/recs/<v>/   versions taken back by a rollback
 *   recs-retrain/runs.jsonl              one JSON record per run
 * A candidate reaches recs/ by one rename, so the service never sees a half-written version.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listVersions } from '../artifact/versions';

/** The model name the recommendation service loads. */
export const RECS_MODEL = 'recs';
export const RETRAIN_DIR = 'recs-retrain';

/** @throws Error when `modelsDir` is not an existing folder. */
export function checkModelsDir(modelsDir: string): void {
  if (!existsSync(modelsDir) || !statSync(modelsDir).isDirectory())
    throw new Error(`models folder ${modelsDir} does not exist: create it, or pass the folder the service reads with --models-dir`);
}

/** Promoted versions, oldest first. */
export function promotedVersions(modelsDir: string): string[] {
  return listVersions(modelsDir, RECS_MODEL);
}

/** The serving version (the latest promoted), or null before the first promotion. */
export function currentVersion(modelsDir: string): string | null {
  return promotedVersions(modelsDir).at(-1) ?? null;
}

export const promotedDir = (modelsDir: string, version: string): string => join(modelsDir, RECS_MODEL, version);
/** Root to pass to saveRecommender for a candidate (it adds `recs/<version>`). */
export const candidatesRoot = (modelsDir: string): string => join(modelsDir, RETRAIN_DIR, 'candidates');
const rolledBackRoot = (modelsDir: string): string => join(modelsDir, RETRAIN_DIR, 'rolled-back');

/**
 * @throws Error when `version` was ever written: a version that was evaluated or served is never
 *   rewritten, so its files stay what the gate measured.
 */
export function checkNewVersion(modelsDir: string, version: string): void {
  const places = [
    promotedDir(modelsDir, version),
    join(candidatesRoot(modelsDir), RECS_MODEL, version),
    join(rolledBackRoot(modelsDir), RECS_MODEL, version),
  ];
  const found = places.find((p) => existsSync(p));
  if (found) throw new Error(`version ${version} already exists (${found}): a version is never rewritten; retrain for a later month`);
}

/** Moves a saved candidate into recs/, making it the latest version. */
export function promoteCandidate(modelsDir: string, version: string): string {
  const to = promotedDir(modelsDir, version);
  mkdirSync(join(modelsDir, RECS_MODEL), { recursive: true });
  renameSync(join(candidatesRoot(modelsDir), RECS_MODEL, version), to);
  return to;
}

/**
 * Takes the serving version back out of recs/ (kept under rolled-back/), so the one before it is
 * the latest again.
 * @throws Error when fewer than two versions are promoted.
 */
export function rollBack(modelsDir: string): { from: string; to: string } {
  const versions = promotedVersions(modelsDir);
  const from = versions.at(-1),
    to = versions.at(-2);
  if (from === undefined || to === undefined)
    throw new Error(
      `nothing to roll back to: ${from === undefined ? 'no version is' : `only ${from} is`} promoted in ${join(modelsDir, RECS_MODEL)}`,
    );
  mkdirSync(join(rolledBackRoot(modelsDir), RECS_MODEL), { recursive: true });
  renameSync(promotedDir(modelsDir, from), join(rolledBackRoot(modelsDir), RECS_MODEL, from));
  return { from, to };
}

/** Appends one run's record to recs-retrain/runs.jsonl and returns that file. */
export function appendRecord(modelsDir: string, record: object): string {
  const file = join(modelsDir, RETRAIN_DIR, 'runs.jsonl');
  mkdirSync(join(modelsDir, RETRAIN_DIR), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
  return file;
}
