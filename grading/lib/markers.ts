/**
 * Solution markers: find the regions a lab author marked in a learner file and turn them
 * into starter stubs. Pure functions on text, so `labs:build --check` can run in memory.
 */
import * as path from 'node:path';
import { unusedParamsAt } from './params';

/** One marked region, 1-based line numbers of its BEGIN and END lines. */
export interface Region {
  begin: number;
  end: number;
  hint: string;
  prefix: '//' | '#';
  indent: string;
}

/** A marker problem: the message names the file and the line. */
export class MarkerError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'MarkerError';
  }
}

const BEGIN = /^(\s*)(\/\/|#)\s*BEGIN SOLUTION\b(?:\s+hint:\s*(.*?))?\s*$/;
const END = /^\s*(\/\/|#)\s*END SOLUTION\s*$/;
const LOOSE = /^\s*(\/\/|#)\s*(BEGIN|END)\s+SOLUTION/;
const CODE_EXT = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx']);

/** True for files whose regions become a throwing stub (otherwise a TODO comment line). */
export function isCodeFile(file: string): boolean {
  return CODE_EXT.has(path.extname(file).toLowerCase());
}

/** Finds the marked regions of `text`; throws MarkerError on unbalanced or nested markers. */
export function findRegions(file: string, text: string): Region[] {
  const lines = text.split('\n');
  const regions: Region[] = [];
  let open: Omit<Region, 'end'> | undefined;
  lines.forEach((line, i) => {
    const n = i + 1;
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) throw new MarkerError(file, n, `BEGIN SOLUTION inside the region opened at line ${open.begin} (regions cannot nest)`);
      const hint = (begin[3] ?? '').trim() || 'see the lab brief (README.md)';
      open = { begin: n, hint, prefix: begin[2] as Region['prefix'], indent: begin[1] ?? '' };
    } else if (END.test(line)) {
      if (!open) throw new MarkerError(file, n, 'END SOLUTION without a matching BEGIN SOLUTION');
      regions.push({ ...open, end: n });
      open = undefined;
    } else if (LOOSE.test(line)) {
      throw new MarkerError(file, n, 'malformed marker; write "BEGIN SOLUTION hint: …" or "END SOLUTION" alone on the line');
    }
  });
  if (open) throw new MarkerError(file, open.begin, 'BEGIN SOLUTION is never closed by END SOLUTION');
  return regions;
}

function isImportOnly(body: string[]): boolean {
  const code = body.filter((l) => !/^\s*(\/\/.*)?$/.test(l)).join('\n');
  return /^(\s*import\b[^;]*;)+\s*$/.test(code);
}

function stubLines(labId: string, file: string, text: string, region: Region, body: string[]): string[] {
  const { indent, hint, prefix } = region;
  if (!isCodeFile(file)) return [`${indent}${prefix} TODO(${labId}): ${hint}`];
  // Imports only the answer needs would be unused (a strict-compile error) in the starter.
  if (isImportOnly(body)) return [`${indent}// TODO(${labId}): ${hint}`];
  const lines: string[] = [];
  const unused = unusedParamsAt(file, text, region);
  // Keeps the starter compiling under noUnusedParameters; the learner deletes this line.
  if (unused.length > 0) lines.push(`${indent}void [${unused.join(', ')}]; // your inputs`);
  lines.push(`${indent}throw new Error(${JSON.stringify(`${labId}: not implemented — ${hint}`)});`);
  return lines;
}

/**
 * The starter text of a learner file: each marked region replaced by its stub.
 * @param file path used in error messages and to pick the stub kind (by extension)
 */
export function toStarter(labId: string, file: string, text: string): string {
  const regions = findRegions(file, text);
  if (regions.length === 0) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let next = 1;
  for (const region of regions) {
    out.push(...lines.slice(next - 1, region.begin - 1));
    out.push(...stubLines(labId, file, text, region, lines.slice(region.begin, region.end - 1)));
    next = region.end + 1;
  }
  out.push(...lines.slice(next - 1));
  return out.join('\n');
}

/** The text inside regions (without marker lines): what must never reach `labs/`. */
export function solutionBodies(file: string, text: string): string[] {
  const lines = text.split('\n');
  return findRegions(file, text).map((r) => lines.slice(r.begin, r.end - 1).join('\n'));
}
