/** CSV in and out (RFC 4180: quoted cells, doubled quotes, CRLF or LF), with line numbers for errors. */

/** One parsed row and the line of the file it starts on (1-based). */
export interface CsvRow {
  cells: string[];
  line: number;
}

/** Parses CSV text; blank lines are skipped, a byte-order mark is ignored. */
export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ cells, line: start });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++, line++;
      endRow();
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A cell for a spreadsheet or gradebook import: text that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe. Submissions name themselves.
 */
export function safeCell(v: string | number): string {
  const s = String(v);
  const formula = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s);
  return csvCell(formula ? `'${s}` : s);
}

/** Rows to CSV text (LF line ends, trailing newline). */
export function toCsv(rows: readonly (readonly (string | number)[])[], cell: (v: string | number) => string = csvCell): string {
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
