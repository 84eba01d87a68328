/** The short report `npm run recs:retrain` prints: both models with intervals, and the decision. */
import type { Interval } from '../mlkit/recsys/user-bootstrap';
import type { ModelScores } from '../mlkit/recsys/recs-gate';
import type { RetrainRecord } from '../mlkit/recsys/retrain';

const f = (x: number): string => x.toFixed(4);
const interval = (i: Interval, sign = false): string => `${sign && i.estimate >= 0 ? '+' : ''}${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;

function row(label: string, s: ModelScores, sign = false): string {
  return `  ${label.padEnd(22)} ${interval(s.recall, sign).padEnd(26)} ${interval(s.ndcg, sign)}`;
}

export function retrainReport(r: RetrainRecord): string {
  const v = r.verdict;
  const lines = [
    `retrain ${r.month}: ${r.recipe.model} on ${r.train.events} interactions (${r.train.users} users, ${r.train.items} items), ` +
      `${r.seconds.train.toFixed(1)} s; tested on ${r.test_month}, ${r.test.users} users`,
    `  ${''.padEnd(22)} ${'recall@10 [95 % over users]'.padEnd(26)} NDCG@10 [95 %]`,
  ];
  if (v) lines.push(row(`current ${r.current_version}`, v.current));
  lines.push(row(`candidate ${r.candidate_version}`, r.candidate));
  if (v) lines.push(row('gain (paired)', v.gain, true));
  const metric = v?.metric === 'ndcg' ? 'NDCG@10' : 'recall@10';
  const why =
    r.decision === 'first'
      ? 'nothing was serving, so the first candidate serves'
      : r.decision === 'promoted'
        ? `the lower bound of the ${metric} gain, ${f(v?.gain[v.metric].low ?? NaN)}, is above 0`
        : `the lower bound of the ${metric} gain, ${f(v?.gain[v.metric].low ?? NaN)}, is not above 0: not better than the noise; kept in ${r.candidate_dir}`;
  lines.push(`decision: ${r.decision === 'refused' ? 'refused' : 'promoted'} (${why}); serving ${r.serving}`);
  return lines.join('\n');
}
