/**
 * The seeded traffic lab 07's checks replay, and the statistics that judge a split. Pure: no
 * submission, no network, so `tests/trace.test.ts` pins it.
 */

/** A linear congruential generator (Numerical Recipes' constants): the same numbers on every run and machine. */
export function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** `n` distinct user ids like `u-3k9x2a`, from `seed`. */
export function users(n: number, seed: number): string[] {
  const next = lcg(seed);
  const out = new Set<string>();
  while (out.size < n) out.add(`u-${Math.floor(next() * 2 ** 32).toString(36)}`);
  return [...out];
}

/** Messages of the trace: spam and ham, short and long, some near the decision threshold. */
export const MESSAGES = [
  'WIN MONEY NOW!!!\n\nClick http://example.com to claim your FREE prize!!!',
  'Meeting notes\n\nSee you at ten tomorrow in room 4.',
  'Re: your order\n\nThe parcel ships on Monday; the tracking number follows.',
  'Cheap meds online\n\nNo prescription needed, lowest prices, order today',
  'Lunch?\n\nAre you free on Thursday? The new place on the corner opened.',
  'URGENT: account suspended\n\nVerify your password at http://bank.example.net within 24 hours',
  'Quarterly report\n\nAttached are the figures for Q3; comments by Friday please.',
  'You have been selected\n\nReply with your address to receive your gift card',
  'hello hello\n\nhello friend',
  'Re: the build\n\nThe tests pass on my machine; I pushed the fix this morning.',
  'Limited offer\n\nSave 50% on all items this weekend only, visit our store',
  'Family dinner\n\nMum asks whether you can bring the dessert on Sunday.',
  // Just below stable's threshold: the good candidate (0.9 p + 0.08) calls them spam, stable ham.
  'Cheap meds online\n\nNo prescription needed, lowest prices, order today free now',
  'Limited offer\n\nSave 50% on all items this weekend only, visit our store prize prize',
];

export interface TraceRequest {
  user: string;
  text: string;
}

/**
 * Every user sends `each` requests, in a seeded order (a user's requests are spread over the
 * trace, not back to back), each with one of `MESSAGES`.
 */
export function trace(userIds: readonly string[], each: number, seed: number): TraceRequest[] {
  const next = lcg(seed);
  const out: TraceRequest[] = [];
  for (const user of userIds) for (let k = 0; k < each; k++) out.push({ user, text: MESSAGES[Math.floor(next() * MESSAGES.length)]! });
  // Fisher–Yates with the same generator.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * How far the observed share of `n` independent keys may be from `share` before a split is
 * wrong: `z` binomial standard deviations, √(share (1 − share) / n). With z = 4.5 a correct split
 * (any well-spread hash) lands outside with probability about 7 in a million.
 */
export function binomialTolerance(share: number, n: number, z = 4.5): number {
  if (!(n > 0)) throw new Error(`binomialTolerance: n must be > 0, got ${n}`);
  return z * Math.sqrt((share * (1 - share)) / n);
}

/** What the good candidate (1.1.0, see src/versions.ts) answers for a text stable scores `p`. */
export const goodCandidate = (p: number): number => 0.9 * p + 0.08;
