/** Command-line flags of `npm run train`. */
import { parseCommandLine, UsageError } from '../grading/lib/usage';
import { isVersion } from '../mlkit/artifact/metadata';

export interface TrainArgs {
  /** Artifact version, MAJOR.MINOR.PATCH (default 1.0.0). */
  readonly version: string;
  /** Models root folder (default `models`). */
  readonly out: string;
  readonly help: boolean;
}

export const TRAIN_USAGE = `usage: npm run train -- [--version 1.0.0] [--out models]

Trains the spam classifier on datasets/build/spam/train.jsonl, chooses its threshold on
validation.jsonl, evaluates on validation and test, and writes <out>/spam/<version>/.
  --version X.Y.Z   artifact version (default 1.0.0; an existing folder is overwritten)
  --out DIR         models root folder (default models)`;

const OPTIONS = {
  version: { type: 'string', default: '1.0.0' },
  out: { type: 'string', default: 'models' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parse flags; throws a {@link UsageError} naming the flag on anything unknown or malformed. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const { values } = parseCommandLine({ args: [...argv], options: OPTIONS });
  if (!isVersion(values.version))
    throw new UsageError(`--version must be MAJOR.MINOR.PATCH (e.g. 1.0.0), got ${JSON.stringify(values.version)}`);
  return { version: values.version, out: values.out, help: values.help };
}
