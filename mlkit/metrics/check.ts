/** Input checks shared by the metrics; errors name the argument that is wrong. */

export function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, nameA: string, nameB: string): void {
  if (a.length !== b.length) throw new RangeError(`${nameA} has ${a.length} entries but ${nameB} has ${b.length}`);
  if (a.length === 0) throw new RangeError(`${nameA} and ${nameB} are empty`);
}

/** Labels must be 0/1 and scores finite numbers; returns the number of positives. */
export function checkScored(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength(yTrue, scores, 'yTrue', 'scores');
  let pos = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    if (t !== 0 && t !== 1) throw new TypeError(`yTrue[${i}] must be 0 or 1, got ${String(t)}`);
    if (!Number.isFinite(scores[i])) throw new TypeError(`scores[${i}] must be a finite number, got ${String(scores[i])}`);
    pos += t;
  }
  return pos;
}
