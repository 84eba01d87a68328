/** Command-line flags of `npm run recs:retrain`. */
import { parseCommandLine, UsageError } from '../grading/lib/usage';
import { type Month, parseMonth } from '../mlkit/recsys/month';
import type { GateMetric } from '../mlkit/recsys/recs-gate';
import type { Recipe } from '../mlkit/recsys/retrain-data';

export interface RetrainArgs {
  /** The month to train up to; absent with --rollback. */
  readonly month?: Month;
  readonly rollback: boolean;
  readonly modelsDir: string;
  /** The shop's SQLite event log. */
  readonly log: string;
  readonly model: Recipe['model'];
  readonly metric: GateMetric;
  /** The running recommendation service to hot-swap, and its admin token. */
  readonly service?: { url: string; token: string };
  readonly help: boolean;
}

export const RETRAIN_USAGE = `usage: npm run recs:retrain -- --month YYYY-MM [--models-dir DIR] [--service URL --token T]
       npm run recs:retrain -- --rollback [--models-dir DIR] [--service URL --token T]

Trains the recommender on the cleaned shop log up to the end of --month, scores it and the
serving version on the month after, and promotes it to <models-dir>/recs/<version>/ only when
the paired-bootstrap lower bound of its gain over users is above zero.
  --month YYYY-MM     last month of training data (its next month must be in the log)
  --rollback          take the serving version back; the one before it serves again
  --models-dir DIR    models folder the service reads (default models; must exist)
  --log FILE          shop event log (default datasets/build/shop/shop.sqlite)
  --model NAME        als (default) or popularity (the kinds the service serves)
  --metric NAME       gain that decides: recall (default) or ndcg, both @10
  --service URL       hot-swap the running service through POST /admin/reload (/admin/rollback)
  --token T           its admin token (default: $ADMIN_TOKEN)
Exit status: 0 the run finished (promoted or refused), 1 it failed, 2 a bad argument.`;

const OPTIONS = {
  month: { type: 'string' },
  rollback: { type: 'boolean', default: false },
  'models-dir': { type: 'string', default: 'models' },
  log: { type: 'string', default: 'datasets/build/shop/shop.sqlite' },
  model: { type: 'string', default: 'als' },
  metric: { type: 'string', default: 'recall' },
  service: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const MODELS: readonly Recipe['model'][] = ['als', 'popularity'];
const METRICS: readonly GateMetric[] = ['recall', 'ndcg'];

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function service(url: string | undefined, token: string | undefined): RetrainArgs['service'] {
  if (url === undefined) {
    if (token !== undefined) throw new UsageError('--token is only used with --service URL');
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--service must be a URL like http://127.0.0.1:3000, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`--service must be an http(s) URL, got ${JSON.stringify(url)}`);
  if (!token) throw new UsageError('--service needs the admin token: --token T, or set ADMIN_TOKEN');
  return { url: url.replace(/\/+$/, ''), token };
}

/**
 * @param env where the admin token comes from when --token is absent.
 * @throws UsageError naming the flag on anything unknown, missing or malformed.
 */
export function parseRetrainArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): RetrainArgs {
  const { values: v } = parseCommandLine({ args: [...argv], options: OPTIONS });
  const common = {
    modelsDir: v['models-dir'],
    log: v.log,
    model: oneOf('--model', v.model, MODELS),
    metric: oneOf('--metric', v.metric, METRICS),
    service: service(v.service, v.token ?? (v.service === undefined ? undefined : env.ADMIN_TOKEN)),
    help: v.help,
  };
  if (v.help) return { ...common, rollback: v.rollback };
  if (v.rollback) {
    if (v.month !== undefined) throw new UsageError('--rollback takes no --month: it returns to the version before the serving one');
    return { ...common, rollback: true };
  }
  if (v.month === undefined) throw new UsageError('--month YYYY-MM is required (the last month of training data), or --rollback');
  try {
    return { ...common, rollback: false, month: parseMonth(v.month) };
  } catch (e) {
    throw new UsageError(`--month: ${(e as Error).message}`);
  }
}
