/**
 * Command-line arguments for every `npm run …` entry: Node's `util.parseArgs`, with each mistake
 * reported as a {@link UsageError} that names the option, so an entry prints its usage text on
 * `instanceof UsageError` and never by reading the message.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error in what the user typed or supplied. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** What is wrong with one argument, in the user's terms, or undefined when it is fine. */
function problemWith(token: Token, config: ParseArgsConfig): string | undefined {
  if (token.kind === 'positional' && !config.allowPositionals) return `unexpected argument ${JSON.stringify(token.value)}`;
  if (token.kind !== 'option') return undefined;
  const option = config.options?.[token.name];
  if (option === undefined) return `unknown option ${token.rawName}`;
  if (option.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
  // A dash-led next word is taken for a forgotten value, as strict parseArgs does (`--out=-x` is fine).
  const forgotten = token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'));
  return option.type === 'string' && forgotten ? `${token.rawName} needs a value` : undefined;
}

/**
 * `util.parseArgs(config)` (strict), with unknown options, missing values and stray positionals
 * thrown as {@link UsageError}s in our words instead of Node's `TypeError`s.
 *
 * @param usage appended to the error on its own line, for entries that print it with any mistake.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage?: string): ReturnType<typeof parseArgs<T>> {
  const { tokens } = parseArgs({ args: config.args, options: config.options, strict: false, allowPositionals: true, tokens: true });
  const problem = tokens.map((token) => problemWith(token, config)).find((p) => p !== undefined);
  if (problem !== undefined) throw new UsageError(usage === undefined ? problem : `${problem}\n${usage}`);
  return parseArgs(config);
}
