/**
 * Request bodies that once held the reference service's event loop for seconds (issue #17): the
 * tokenizer's e-mail pattern and its trailing-dot trim rescanned a run from each of its
 * characters, and the HTML drift feature rescanned the text from each `<`. Used by
 * `stress.test.ts` and `npm run bench -- stall`.
 */

/** `unit` repeated up to exactly `chars` characters. */
export function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** Runs that cost the old code time quadratic in their length. */
export const PATHOLOGICAL_UNITS = ['.', 'a.', '<b ', 'a@', 'ab@', 'http://', 'www.', '$ ', '1,', '-', '_a'] as const;

/** One text of `chars` characters of each unit. */
export function singleTexts(chars: number): Array<{ name: string; body: { text: string } }> {
  return PATHOLOGICAL_UNITS.map((unit) => ({ name: `${JSON.stringify(unit)} × ${chars}`, body: { text: repeatTo(unit, chars) } }));
}

/** `count` texts of `chars` characters, cycling through the units. */
export function batchOf(count: number, chars: number): { instances: Array<{ text: string }> } {
  return {
    instances: Array.from({ length: count }, (_, i) => ({ text: repeatTo(PATHOLOGICAL_UNITS[i % PATHOLOGICAL_UNITS.length], chars) })),
  };
}
