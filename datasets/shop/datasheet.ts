/**
 * Reads the counts DATASHEET.md states, so a test can hold the document and the generated
 * database to the same numbers.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DATASHEET = path.join(__dirname, 'DATASHEET.md');

function number(cell: string): number | null {
  const m = /^\**([\d,]+)\**$/.exec(cell.trim());
  return m ? Number((m[1] as string).replace(/,/g, '')) : null;
}

/**
 * Rows of the markdown table whose header starts with `firstHeader`, as { first cell → cells }.
 * @throws when the table is missing.
 */
export function datasheetTable(firstHeader: string, text: string = fs.readFileSync(DATASHEET, 'utf8')): Map<string, string[]> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`DATASHEET.md has no table starting with "| ${firstHeader} |"`);
  const out = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    out.set((cells[0] as string).replace(/\*/g, ''), cells.slice(1));
  }
  return out;
}

/** The number in `cell` (digits with thousands commas, optionally bold), or null. */
export function cellNumber(cells: readonly string[] | undefined, index: number): number | null {
  return cells === undefined ? null : number(cells[index] ?? '');
}
