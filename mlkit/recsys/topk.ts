/** Choosing the k best-scoring items: the last step of every recommender. */

/**
 * Indexes of the k highest scores, best first; ties go to the lower index (which is the lower
 * item id, since item indexes follow id order), so results never depend on sort stability.
 * @param scores one score per item index; NaN and -Infinity are never chosen.
 * @param skip indexes to leave out (seen items).
 */
export function topK(scores: ArrayLike<number>, k: number, skip: (index: number) => boolean = () => false): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s > -Infinity) || skip(i)) continue;
    if (best.length === k && !(s > scores[best[k - 1]])) continue;
    // Insertion into a short sorted list: k is small (10–100), so this beats sorting everything.
    if (best.length === k) best.pop();
    let at = best.length;
    while (at > 0 && s > scores[best[at - 1]]) at--;
    best.splice(at, 0, i);
  }
  return best;
}
