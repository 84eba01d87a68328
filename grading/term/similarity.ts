/**
 * Suspiciously similar submissions of one lab, for a human to look at — never a score change.
 * Dolos's engine (`@dodona/dolos-core`: winnowed k-gram fingerprints, pairs, matching fragments)
 * over the syntax-tree tokens of `tokens.ts`; every fingerprint of the starter the learners were
 * given (`labs/<lab>/`) is ignored, so the code everyone starts from never counts.
 */
import { FingerprintIndex, type Pair } from '@dodona/dolos-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LabConfig } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { prepare, type SubmissionEntry } from '../lib/submissions';
import { InvalidSubmission } from '../lib/unpack';
import { combine, type FileSpan, type SubmissionText, tokenize } from './tokens';

export interface SimilarityOptions {
  /** Pairs at or above this Dolos similarity (0–1) are flagged. */
  threshold: number;
  /** Tokens per k-gram and k-grams per winnowing window. */
  kgramLength: number;
  window: number;
  /** Fragments shown per flagged pair. */
  maxFragments: number;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = { threshold: 0.6, kgramLength: 12, window: 8, maxFragments: 12 };

export interface Side {
  file: string;
  /** 1-based, inclusive. */
  from_line: number;
  to_line: number;
  text: string;
}

export interface PairReport {
  left: string;
  right: string;
  similarity: number;
  /** Longest run of shared k-grams. */
  longest: number;
  fragments: { left: Side; right: Side }[];
}

export interface SimilarityReport {
  lab: string;
  submissions: number;
  options: SimilarityOptions;
  /** Why some submissions were not compared (unreadable, invalid). */
  left_out: { id: string; reason: string }[];
  flagged: PairReport[];
  /** The highest-scoring pairs, flagged or not (context for the threshold). */
  top: { left: string; right: string; similarity: number }[];
}

/** At most this much of a learner file is compared: a huge file is someone else's problem. */
const MAX_FILE_CHARS = 200_000;

function readFiles(dir: string, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    const p = path.join(dir, f);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) out.set(f, fs.readFileSync(p, 'utf8').slice(0, MAX_FILE_CHARS));
  }
  return out;
}

/** The starter learners were given (`labs/<lab id>/`), when it is there. */
export function starterText(config: LabConfig, labsRoot = path.join(REPO_ROOT, 'labs')): SubmissionText | undefined {
  const files = readFiles(path.join(labsRoot, config.id), config.files);
  return files.size ? combine('(starter)', files) : undefined;
}

/** Unpacks each submission (as grading does) and reads its learner files. */
export async function readClass(
  config: LabConfig,
  entries: readonly SubmissionEntry[],
): Promise<{ texts: SubmissionText[]; left_out: SimilarityReport['left_out'] }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-similarity-'));
  const texts: SubmissionText[] = [];
  const left_out: SimilarityReport['left_out'] = [];
  try {
    for (const [i, e] of entries.entries()) {
      try {
        const files = readFiles(await prepare(e, config, path.join(work, String(i))), config.files);
        if (files.size) texts.push(combine(e.id, files));
        else left_out.push({ id: e.id, reason: "none of the lab's files" });
      } catch (err) {
        if (!(err instanceof InvalidSubmission)) throw err;
        left_out.push({ id: e.id, reason: err.message });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { texts, left_out };
}

function side(s: SubmissionText, startRow: number, endRow: number): Side {
  const span: FileSpan = s.spans.find((f) => startRow >= f.firstRow && startRow < f.firstRow + f.rows) ?? s.spans[0]!;
  const lines = s.text.split('\n');
  return {
    file: span.file,
    from_line: startRow - span.firstRow + 1,
    to_line: endRow - span.firstRow + 1,
    text: lines.slice(startRow, endRow + 1).join('\n'),
  };
}

function pairReport(p: Pair, byId: ReadonlyMap<string, SubmissionText>, max: number): PairReport {
  const [l, r] = [byId.get(p.leftFile.path)!, byId.get(p.rightFile.path)!];
  const fragments = p
    .buildFragments()
    .sort((a, b) => b.pairs.length - a.pairs.length)
    .slice(0, max)
    .map((f) => ({
      left: side(l, f.leftSelection.startRow, f.leftSelection.endRow),
      right: side(r, f.rightSelection.startRow, f.rightSelection.endRow),
    }))
    .sort((a, b) => a.left.file.localeCompare(b.left.file) || a.left.from_line - b.left.from_line);
  return { left: l.id, right: r.id, similarity: round3(p.similarity), longest: p.longest, fragments };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Compares every pair of `texts`, ignoring what they share with `starter`. */
export function compareClass(
  lab: string,
  texts: readonly SubmissionText[],
  starter: SubmissionText | undefined,
  o: SimilarityOptions = DEFAULT_SIMILARITY,
): SimilarityReport {
  const index = new FingerprintIndex(o.kgramLength, o.window, true);
  if (starter) index.addIgnoredFile(tokenize(starter));
  index.addFiles(texts.map(tokenize));
  const byId = new Map(texts.map((t) => [t.id, t]));
  const pairs = texts.length > 1 ? index.allPairs().sort((a, b) => b.similarity - a.similarity) : [];
  const ordered = (p: Pair): [string, string] => [p.leftFile.path, p.rightFile.path].sort() as [string, string];
  return {
    lab,
    submissions: texts.length,
    options: o,
    left_out: [],
    flagged: pairs.filter((p) => p.similarity >= o.threshold).map((p) => pairReport(p, byId, o.maxFragments)),
    top: pairs.slice(0, 30).map((p) => ({ left: ordered(p)[0], right: ordered(p)[1], similarity: round3(p.similarity) })),
  };
}
