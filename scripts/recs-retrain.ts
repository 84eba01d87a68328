/**
 * `npm run recs:retrain -- --month YYYY-MM [--models-dir DIR] [--service URL --token T]`: the
 * monthly retrain of the recommender through the gate (mlkit/recsys/retrain.ts), or
 * `--rollback`. Prints a short report; every run appends a JSON record to
 * <models-dir>/recs-retrain/runs.jsonl. Exit status 2 for a bad argument, 1 for a failed run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_SHOP_CONFIG, logWindow } from '../datasets/shop/config';
import { canonicalDigest } from '../datasets/shop/database';
import { UsageError } from '../grading/lib/usage';
import { checkMonthInLog } from '../mlkit/recsys/retrain-data';
import { RetrainRefusal, retrainMonth } from '../mlkit/recsys/retrain';
import { appendRecord, checkModelsDir, rollBack } from '../mlkit/recsys/retrain-store';
import { readShopLog, type ShopLog } from '../mlkit/recsys/shop-log';
import { addMonths } from '../mlkit/recsys/month';
import { AdminCallError, hotSwap, type Service, serviceRollback } from './recs-admin';
import { parseRetrainArgs, RETRAIN_USAGE, type RetrainArgs } from './recs-retrain-args';
import { retrainReport } from './recs-retrain-report';

const ROOT = join(__dirname, '..');

/** A bad argument or input: exit 2 with the message. */
class BadInput extends Error {}

/** The log's window and digest from the dataset manifest beside it, else the datasheet's window and a fresh digest. */
function logFacts(file: string): { window: { from: number; to: number }; sha256: string } {
  const manifest = join(dirname(dirname(file)), 'manifest.json');
  const shop = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { shop?: { window?: { from: string; to: string }; canonical_sha256?: string } }).shop
    : undefined;
  const window = shop?.window ? { from: Date.parse(shop.window.from), to: Date.parse(shop.window.to) } : logWindow(DEFAULT_SHOP_CONFIG);
  return { window, sha256: shop?.canonical_sha256 ?? canonicalDigest(file).sha256 };
}

function readLog(args: RetrainArgs & { month: NonNullable<RetrainArgs['month']> }): ShopLog {
  if (!existsSync(args.log))
    throw new BadInput(`the shop log ${args.log} does not exist: run "npm run datasets" first, or pass --log FILE`);
  const facts = logFacts(args.log);
  try {
    checkMonthInLog(args.month, facts.window);
  } catch (e) {
    throw new BadInput(`--month ${args.month.label}: ${(e as Error).message}`);
  }
  const source = { file: relative(ROOT, resolve(args.log)).split('\\').join('/'), sha256: facts.sha256 };
  return readShopLog(args.log, facts.window, source, addMonths(args.month, 1).end);
}

async function swap(
  modelsDir: string,
  service: Service | undefined,
  call: () => Promise<{ previous?: { version: string }; current: { version: string } }>,
): Promise<void> {
  if (!service) return;
  try {
    const answer = await call();
    appendRecord(modelsDir, {
      kind: 'service',
      at: new Date().toISOString(),
      url: service.url,
      previous: answer.previous?.version ?? null,
      serving: answer.current.version,
    });
    console.log(
      `service ${service.url}: now serves ${answer.current.version}${answer.previous ? ` (was ${answer.previous.version})` : ''}`,
    );
  } catch (e) {
    if (!(e instanceof AdminCallError)) throw e;
    appendRecord(modelsDir, { kind: 'service', at: new Date().toISOString(), url: service.url, error: e.message });
    throw new Error(`the models folder is updated, but the service did not swap: ${e.message}`);
  }
}

async function run(args: RetrainArgs): Promise<void> {
  try {
    checkModelsDir(args.modelsDir);
  } catch (e) {
    throw new BadInput((e as Error).message);
  }
  if (args.rollback) {
    const { from, to } = rollBack(args.modelsDir);
    appendRecord(args.modelsDir, { kind: 'rollback', at: new Date().toISOString(), from, serving: to });
    console.log(`rollback: ${from} taken back (kept in recs-retrain/rolled-back/); ${to} serves`);
    // A restarted service has no rollback history (409): then load the version before explicitly.
    return swap(args.modelsDir, args.service, () =>
      serviceRollback(args.service as Service).catch((e: unknown) => {
        if (e instanceof AdminCallError && e.status === 409) return hotSwap(args.service as Service, to);
        throw e;
      }),
    );
  }
  const month = args.month as NonNullable<RetrainArgs['month']>;
  const log = readLog({ ...args, month });
  let record: ReturnType<typeof retrainMonth>;
  try {
    record = retrainMonth({ log, month, modelsDir: args.modelsDir, recipe: { model: args.model }, gate: { metric: args.metric } });
  } catch (e) {
    if (e instanceof RetrainRefusal) throw new BadInput(e.message);
    throw e;
  }
  console.log(retrainReport(record));
  console.log(`record: ${join(args.modelsDir, 'recs-retrain', 'runs.jsonl')}`);
  if (record.decision !== 'refused')
    await swap(args.modelsDir, args.service, () => hotSwap(args.service as Service, record.candidate_version));
}

async function main(): Promise<void> {
  let args: RetrainArgs;
  try {
    args = parseRetrainArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${RETRAIN_USAGE}`);
    process.exit(2);
  }
  if (args.help) return console.log(RETRAIN_USAGE);
  try {
    await run(args);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exitCode = e instanceof BadInput ? 2 : 1;
  }
}

void main();
