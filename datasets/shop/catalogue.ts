/**
 * The shop's catalogue: real film titles from vega-datasets' `movies.json`, read defensively.
 * Decisions (documented in DATASHEET.md): a missing genre stays null (the simulator treats
 * "no genre" as a genre of its own); missing vote counts stay null (the simulator gives them the
 * smallest vote count seen); numeric titles become strings, a missing title stays null; release
 * years after 2011 are two-digit-year errors in the source (1946 printed as 2046) and move back
 * 100 years.
 */
import fs from 'node:fs';
import { packageFile } from '../files';
import type { CatalogueSummary } from './types';

export type { CatalogueSummary };

export const CATALOGUE_SOURCE = 'vega-datasets/data/movies.json';

/** Latest plausible release year: the source was compiled around 2010–2011. */
const LAST_PLAUSIBLE_YEAR = 2011;

export interface CatalogueItem {
  /** 1-based position in the source file. */
  item_id: number;
  title: string | null;
  genre: string | null;
  /** Release date, epoch ms UTC (midnight). */
  released: number;
  votes: number | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `"Jun 12 1998"` → epoch ms and whether the year was moved back a century. */
export function parseReleaseDate(text: unknown, row: number): { ts: number; corrected: boolean } {
  const m = typeof text === 'string' ? /^([A-Z][a-z]{2}) (\d{2}) (\d{4})$/.exec(text) : null;
  const month = m ? MONTHS.indexOf(m[1] as string) : -1;
  if (!m || month < 0) throw new Error(`${CATALOGUE_SOURCE} row ${row}: release date ${JSON.stringify(text)} is not "Mon DD YYYY"`);
  let year = Number(m[3]);
  const corrected = year > LAST_PLAUSIBLE_YEAR;
  if (corrected) year -= 100;
  return { ts: Date.UTC(year, month, Number(m[2])), corrected };
}

function field(row: Record<string, unknown>, key: string): unknown {
  return row[key] ?? null;
}

/**
 * Turns the source rows into catalogue items, counting every repair.
 * @throws Error naming the row when a row is not an object or its release date is unreadable.
 */
export function parseCatalogue(rows: readonly unknown[]): { items: CatalogueItem[]; summary: CatalogueSummary } {
  const summary: CatalogueSummary = {
    source: CATALOGUE_SOURCE,
    rows: rows.length,
    missing_genre: 0,
    missing_votes: 0,
    missing_title: 0,
    numeric_title: 0,
    release_year_corrected: 0,
  };
  const items = rows.map((raw, i): CatalogueItem => {
    if (raw === null || typeof raw !== 'object') throw new Error(`${CATALOGUE_SOURCE} row ${i + 1} is not an object`);
    const row = raw as Record<string, unknown>;
    const title = field(row, 'Title'),
      genre = field(row, 'Major Genre'),
      votes = field(row, 'IMDB Votes');
    const release = parseReleaseDate(row['Release Date'], i + 1);
    if (typeof title === 'number') summary.numeric_title++;
    if (title === null) summary.missing_title++;
    if (typeof genre !== 'string') summary.missing_genre++;
    const goodVotes = typeof votes === 'number' && Number.isFinite(votes) && votes >= 0;
    if (!goodVotes) summary.missing_votes++;
    if (release.corrected) summary.release_year_corrected++;
    return {
      item_id: i + 1,
      title: title === null ? null : String(title),
      genre: typeof genre === 'string' ? genre : null,
      released: release.ts,
      votes: goodVotes ? votes : null,
    };
  });
  return { items, summary };
}

/** Reads and parses the installed catalogue. */
export function readCatalogue(): { items: CatalogueItem[]; summary: CatalogueSummary } {
  const file = packageFile('vega-datasets', 'data/movies.json');
  const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(rows)) throw new Error(`${CATALOGUE_SOURCE} is not a JSON array`);
  return parseCatalogue(rows);
}
