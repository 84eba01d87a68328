/**
 * The checks' data: a small seeded shop log, January to May 2010, built the same on every machine
 * in a few milliseconds (so no check trains on the full shop log). 40 users in three taste groups
 * of 10 items each; tastes drift a little each month (each group's favourite items shift), so a
 * model trained on more recent months recommends better. Users 41 and 42 arrive in April, and
 * item 31 is first touched in April: the cold users and the new item of a split at March.
 */
import type { EventType, LogEvent } from '../../../mlkit/recsys/types';

/** Park–Miller: the same stream of numbers in [0, 1) for the same seed. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export const month = (m: number): number => Date.UTC(2010, m - 1, 1);
const TYPES: EventType[] = ['view', 'view', 'view', 'cart', 'purchase'];

/** Every event of the mini-log, in log order (shuffled a little within each month, as a real log is). */
export function miniLog(seed = 6): LogEvent[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const events: LogEvent[] = [];
  for (let m = 1; m <= 5; m++) {
    const span = month(m + 1) - month(m);
    const inMonth: LogEvent[] = [];
    const users = Array.from({ length: 40 }, (_, i) => i + 1).concat(m >= 4 ? [41, 42] : []);
    for (const user of users) {
      if (rnd() < 0.25) continue;
      const group = user % 3;
      const touches = 3 + Math.floor(rnd() * 4);
      for (let t = 0; t < touches; t++) {
        // Favourite items of the group this month: five of its ten, sliding by one each month.
        const own = rnd() < 0.8;
        const base = own ? group * 10 : Math.floor(rnd() * 3) * 10;
        const item = base + 1 + ((m + Math.floor(rnd() * (own ? 5 : 10))) % 10);
        // Never exactly a month's first millisecond: the boundary checks add such events themselves.
        inMonth.push({ user_id: user, item_id: item, event: pick(TYPES), ts: month(m) + 1 + Math.floor(rnd() * (span - 2)) });
      }
    }
    if (m === 4) inMonth.push({ user_id: 41, item_id: 31, event: 'view', ts: month(4) + 3_600_000 });
    events.push(...inMonth);
  }
  return events;
}
