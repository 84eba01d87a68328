/**
 * A submission as a token stream for similarity: TypeScript's own parser turns each learner
 * file into its syntax tree, and every node becomes its kind ("Identifier", "ForStatement"…), as
 * Dolos does with tree-sitter. Names, literals' values, comments and layout are gone, so
 * renaming variables or reformatting changes nothing; each token keeps the region it came from.
 */
import { File, Region, TokenizedFile } from '@dodona/dolos-core';
import ts from 'typescript';

/** Where each file of a submission starts in its combined text (0-based rows). */
export interface FileSpan {
  file: string;
  firstRow: number;
  rows: number;
}

export interface SubmissionText {
  id: string;
  /** The learner files joined in the lab's order, as shown in the report. */
  text: string;
  spans: FileSpan[];
}

/** Joins a submission's files (lab order) into one text; missing files are left out. */
export function combine(id: string, files: ReadonlyMap<string, string>): SubmissionText {
  const spans: FileSpan[] = [];
  const parts: string[] = [];
  let row = 0;
  for (const [file, text] of files) {
    const lines = text.split('\n');
    spans.push({ file, firstRow: row, rows: lines.length });
    parts.push(text);
    row += lines.length;
  }
  return { id, text: parts.join('\n'), spans };
}

function regionOf(sf: ts.SourceFile, from: number, to: number, rowOffset: number): Region {
  const a = sf.getLineAndCharacterOfPosition(from);
  const b = sf.getLineAndCharacterOfPosition(Math.max(from, to));
  return new Region(a.line + rowOffset, a.character, b.line + rowOffset, b.character);
}

/** Pre-order node kinds of one file, each with the region up to its first child (or its whole text). */
function fileTokens(file: string, text: string, rowOffset: number, tokens: string[], mapping: Region[]): void {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    const kids: ts.Node[] = [];
    ts.forEachChild(node, (k) => void kids.push(k));
    const start = node.getStart(sf);
    tokens.push(ts.SyntaxKind[node.kind]);
    mapping.push(regionOf(sf, start, kids[0] ? kids[0].getStart(sf) : node.getEnd(), rowOffset));
    kids.forEach(visit);
  };
  ts.forEachChild(sf, visit);
}

/** The Dolos token stream of a combined submission. */
export function tokenize(s: SubmissionText): TokenizedFile {
  const tokens: string[] = [];
  const mapping: Region[] = [];
  const lines = s.text.split('\n');
  for (const span of s.spans) {
    fileTokens(span.file, lines.slice(span.firstRow, span.firstRow + span.rows).join('\n'), span.firstRow, tokens, mapping);
  }
  return new TokenizedFile(new File(s.id, s.text), tokens, mapping);
}
