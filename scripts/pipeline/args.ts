/** Command-line flags of `npm run pipeline`. */
import { parseCommandLine, UsageError } from '../../grading/lib/usage';
import { isVersion } from '../../mlkit/artifact/metadata';
import { DEFAULT_PROMOTION_RULE } from './release-rule';
import { STEP_NAMES, type StepName } from './step';

export interface PipelineArgs {
  dryRun: boolean;
  until?: StepName;
  /** The Swarm stack the API runs in (its service is `<stack>_api`). */
  stack: string;
  /** Seed of the gate's paired bootstrap (0: the service's own gate). */
  seed: number;
  /** The candidate's version (default: the served version's next patch). */
  version?: string;
  /** Where candidates are written, as `<out>/spam/<version>/`. */
  out: string;
  /** Where the served model is read when no stack runs (`npm run serve`'s folder). */
  models: string;
  /** The labelled mail both models are scored on. */
  holdout: string;
  /** The image the candidate is added to when no stack runs (else the stack's own image). */
  baseImage: string;
  /** Fraction of users the canary answers, in (0, 1]. */
  share: number;
  /** Candidate requests the promotion rule needs. */
  minSamples: number;
  /** The longest the metrics are watched, in seconds. */
  watchSeconds: number;
  /** Seconds between two looks at the metrics. */
  pollSeconds: number;
  help: boolean;
}

export const PIPELINE_USAGE = `usage: npm run pipeline -- [options]

Train a candidate, evaluate it on the holdout, gate it against the model the stack serves,
build the image, smoke-test it, roll it out as a canary, watch its numbers, then promote it
or roll it back. Stops at the first step that fails, with the reason, and exits 1.
  --dry-run            print the plan, run nothing
  --until STEP         stop after STEP (${STEP_NAMES.join(', ')})
  --stack NAME         the Swarm stack (default spam: service spam_api)
  --seed N             seed of the gate's bootstrap (default 0, the service's)
  --version X.Y.Z      candidate version (default: the served version's next patch)
  --out DIR            where candidates are written (default .work/pipeline/models)
  --models DIR         the served model when no stack runs (default models)
  --holdout FILE       labelled JSONL (default datasets/build/spam/test.jsonl)
  --base-image IMAGE   image to add the candidate to when no stack runs
                       (default notebook-to-production/spam-api:latest)
  --share X            canary share of users, in (0, 1] (default 0.1)
  --min-samples N      candidate requests before deciding (default ${DEFAULT_PROMOTION_RULE.minSamples})
  --watch-seconds N    longest watch of the canary (default 300)
  --poll-seconds N     seconds between two looks (default 5)`;

const OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  until: { type: 'string' },
  stack: { type: 'string', default: 'spam' },
  seed: { type: 'string', default: '0' },
  version: { type: 'string' },
  out: { type: 'string', default: '.work/pipeline/models' },
  models: { type: 'string', default: 'models' },
  holdout: { type: 'string', default: 'datasets/build/spam/test.jsonl' },
  'base-image': { type: 'string', default: 'notebook-to-production/spam-api:latest' },
  share: { type: 'string', default: '0.1' },
  'min-samples': { type: 'string', default: String(DEFAULT_PROMOTION_RULE.minSamples) },
  'watch-seconds': { type: 'string', default: '300' },
  'poll-seconds': { type: 'string', default: '5' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}

/** Parse flags; throws a {@link UsageError} naming the flag on anything unknown or malformed. */
export function parsePipelineArgs(argv: readonly string[]): PipelineArgs {
  const { values: v } = parseCommandLine({ args: [...argv], options: OPTIONS });
  if (v.until !== undefined && !(STEP_NAMES as readonly string[]).includes(v.until))
    throw new UsageError(`--until must be one of ${STEP_NAMES.join(', ')}, got ${JSON.stringify(v.until)}`);
  if (v.version !== undefined && !isVersion(v.version))
    throw new UsageError(`--version must be MAJOR.MINOR.PATCH (e.g. 1.2.0), got ${JSON.stringify(v.version)}`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v.stack)) throw new UsageError(`--stack must be a stack name, got ${JSON.stringify(v.stack)}`);
  const share = Number(v.share);
  if (!(Number.isFinite(share) && share > 0 && share <= 1))
    throw new UsageError(`--share must be a number in (0, 1], got ${JSON.stringify(v.share)}`);
  return {
    dryRun: v['dry-run'],
    until: v.until as StepName | undefined,
    stack: v.stack,
    seed: integer('seed', v.seed, 0),
    version: v.version,
    out: v.out,
    models: v.models,
    holdout: v.holdout,
    baseImage: v['base-image'],
    share,
    minSamples: integer('min-samples', v['min-samples'], 1),
    watchSeconds: integer('watch-seconds', v['watch-seconds'], 1),
    pollSeconds: integer('poll-seconds', v['poll-seconds'], 1),
    help: v.help,
  };
}
