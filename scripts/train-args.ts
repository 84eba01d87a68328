/** Command-line flags of `npm run train`. */
import { checkVersion } from '../mlkit/artifact/metadata';

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

/** Parse flags; throws an Error with a message for the user on anything unknown or malformed. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  let version = '1.0.0', out = 'models', help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--version') version = value();
    else if (flag === '--out') out = value();
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  checkVersion(version);
  return { version, out, help };
}
