import assert from 'node:assert/strict';
import { parseCatalogue, parseReleaseDate, readCatalogue } from './catalogue';
import { cellNumber, datasheetTable } from './datasheet';

describe('shop catalogue', () => {
  describe('parseReleaseDate', () => {
    it('reads "Mon DD YYYY" as UTC midnight', () => {
      assert.deepEqual(parseReleaseDate('Jun 12 1998', 1), { ts: Date.UTC(1998, 5, 12), corrected: false });
    });
    it('moves years after 2011 back a century (two-digit-year errors in the source)', () => {
      assert.deepEqual(parseReleaseDate('Dec 31 2046', 1), { ts: Date.UTC(1946, 11, 31), corrected: true });
      assert.equal(parseReleaseDate('Jan 05 2011', 1).corrected, false);
    });
    it('refuses anything else, naming the row', () => {
      assert.throws(() => parseReleaseDate('1998-06-12', 7), /row 7: release date "1998-06-12"/);
      assert.throws(() => parseReleaseDate(null, 8), /row 8/);
    });
  });

  describe('parseCatalogue', () => {
    const rows = [
      { Title: 'A', 'Major Genre': 'Drama', 'Release Date': 'Jan 01 2000', 'IMDB Votes': 10 },
      { Title: 300, 'Major Genre': null, 'Release Date': 'Feb 02 2001', 'IMDB Votes': null },
      { Title: null, 'Release Date': 'Mar 03 2040' },
    ];
    const { items, summary } = parseCatalogue(rows);
    it('keeps missing genres, votes and titles as null and numeric titles as text', () => {
      assert.deepEqual(
        items.map((i) => [i.item_id, i.title, i.genre, i.votes]),
        [
          [1, 'A', 'Drama', 10],
          [2, '300', null, null],
          [3, null, null, null],
        ],
      );
    });
    it('counts every repair', () => {
      assert.deepEqual(summary, {
        source: 'vega-datasets/data/movies.json',
        rows: 3,
        missing_genre: 2,
        missing_votes: 2,
        missing_title: 1,
        numeric_title: 1,
        release_year_corrected: 1,
      });
    });
    it('refuses a row that is not an object', () => {
      assert.throws(() => parseCatalogue([rows[0], 'oops']), /row 2 is not an object/);
    });
  });

  it('reads the installed catalogue with the counts the datasheet states', () => {
    const { items, summary } = readCatalogue();
    const table = datasheetTable('decision');
    const stated = (prefix: string): number | null => cellNumber([...table].find(([k]) => k.startsWith(prefix))?.[1], 0);
    assert.equal(items.length, 3201);
    assert.equal(stated('missing genre'), summary.missing_genre);
    assert.equal(stated('missing vote count'), summary.missing_votes);
    assert.equal(stated('numeric title'), summary.numeric_title);
    assert.equal(stated('missing title'), summary.missing_title);
    assert.equal(stated('release year after 2011'), summary.release_year_corrected);
  });
});
