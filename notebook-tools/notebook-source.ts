/**
 * Notebooks are written as Markdown (`notebooks/src/NN-title.md`) and generated as `.ipynb`:
 * Markdown diffs review well, JSON notebooks do not. Fenced ```ts blocks become code cells;
 * the prose between them becomes Markdown cells; a line `<!-- cell -->` splits prose in two.
 */

export interface NotebookCell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const FENCE_OPEN = /^```(ts|typescript)\s*$/;
const FENCE_CLOSE = /^```\s*$/;
const SPLIT = /^<!--\s*cell\s*-->\s*$/;

/** Splits one cell's text into Jupyter's list-of-lines form (every line but the last keeps its newline). */
function toSourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? line + '\n' : line)).filter((l) => l !== '');
}

/** One cell of a source: its kind, its text, and the 1-based line of the source its text starts on. */
export interface SourceCell {
  cell_type: NotebookCell['cell_type'];
  text: string;
  line: number;
}

/** `lines` without blank lines at either end, and how many were cut from the start. */
function trimBlankLines(lines: string[]): { text: string; skipped: number } {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return { text: lines.slice(start, end).join('\n'), skipped: start };
}

/** Parses a Markdown notebook source into cells; throws naming the line of an unclosed fence. */
export function parseNotebookSource(markdown: string, fileName = 'notebook'): SourceCell[] {
  const cells: SourceCell[] = [];
  let prose: string[] = [];
  let proseFrom = 1;
  let code: string[] | null = null;
  let openedAt = 0;
  const flushProse = (next: number): void => {
    const { text, skipped } = trimBlankLines(prose);
    if (text) cells.push({ cell_type: 'markdown', text, line: proseFrom + skipped });
    prose = [];
    proseFrom = next;
  };
  markdown.split(/\r?\n/).forEach((line, index) => {
    if (code) {
      if (FENCE_CLOSE.test(line)) {
        const { text, skipped } = trimBlankLines(code);
        cells.push({ cell_type: 'code', text, line: openedAt + 1 + skipped });
        code = null;
        proseFrom = index + 2;
      } else code.push(line);
    } else if (FENCE_OPEN.test(line)) {
      flushProse(index + 2);
      code = [];
      openedAt = index + 1;
    } else if (SPLIT.test(line)) flushProse(index + 2);
    else prose.push(line);
  });
  if (code) throw new Error(`${fileName}:${openedAt}: code block opened here is never closed`);
  flushProse(0);
  return cells;
}

/** A cell ready to be written: a source cell, possibly rewritten, with optional cell metadata. */
export type OutputCell = Pick<SourceCell, 'cell_type' | 'text'> & { metadata?: Record<string, unknown> };

/** Builds a complete nbformat 4.5 notebook for the TypeScript (tslab) kernel, with empty outputs. */
export function toNotebook(markdown: string, fileName = 'notebook'): Notebook {
  return notebookOf(parseNotebookSource(markdown, fileName));
}

/** The notebook holding exactly `cells`, in order, with stable ids and empty outputs. */
export function notebookOf(source: OutputCell[]): Notebook {
  const cells = source.map((cell, i): NotebookCell => {
    const base = { id: `cell-${String(i).padStart(3, '0')}`, metadata: cell.metadata ?? {}, source: toSourceLines(cell.text) };
    return cell.cell_type === 'code'
      ? { cell_type: 'code', ...base, execution_count: null, outputs: [] }
      : { cell_type: 'markdown', ...base };
  });
  return {
    cells,
    metadata: {
      kernelspec: { display_name: 'TypeScript (course)', language: 'typescript', name: 'tslab-course' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The exact bytes written for a notebook, so a staleness check can compare strings. */
export function serializeNotebook(notebook: Notebook): string {
  return JSON.stringify(notebook, null, 1) + '\n';
}
