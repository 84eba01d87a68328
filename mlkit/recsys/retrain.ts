/**
 * One monthly retrain: fit a candidate on the cleaned log up to the end of the month, save it as
 * a candidate, load it back (checksums verified: the gate judges the files that would serve),
 * compare it with the serving version on the next month, and promote it only through the gate.
 * The first run, with nothing serving, promotes without a comparison.
 */
import { join } from 'node:path';
import { loadRecommender, saveRecommender } from './artifact';
import { evaluateRecommender } from './evaluate';
import { addMonths, type Month, versionOfMonth } from './month';
import { perUserScores } from './per-user';
import { compareOnMonth, type GateOptions, type ModelScores, type RecsVerdict, scoreIntervals } from './recs-gate';
import { DEFAULT_RECIPE, fitRecipe, type MonthData, monthData, type Recipe } from './retrain-data';
import {
  appendRecord,
  candidatesRoot,
  checkModelsDir,
  checkNewVersion,
  currentVersion,
  promoteCandidate,
  promotedDir,
  RECS_MODEL,
} from './retrain-store';
import type { ShopLog } from './shop-log';
import type { Recommender } from './types';

export interface RetrainOptions {
  log: ShopLog;
  month: Month;
  modelsDir: string;
  recipe?: Recipe;
  gate?: GateOptions;
  /** Fixed clock for reproducible records (default: now). */
  now?: () => Date;
}

export type Decision = 'promoted' | 'refused' | 'first';

export interface RetrainRecord {
  kind: 'retrain';
  at: string;
  month: string;
  test_month: string;
  candidate_version: string;
  /** The version serving before this run (null on the first run). */
  current_version: string | null;
  decision: Decision;
  /** The version serving after this run. */
  serving: string;
  /** Where the candidate's files are: recs/<v> when promoted, the candidates folder when refused. */
  candidate_dir: string;
  recipe: Recipe;
  train: { events: number; users: number; items: number; from: string; to: string };
  test: { interactions: number; users: number };
  /** Candidate's scores on the test month (with intervals), whether or not it was compared. */
  candidate: ModelScores;
  /** The gate's comparison; absent on the first run. */
  verdict?: RecsVerdict;
  seconds: { train: number; evaluate: number };
}

/** Raised for a run that must not start (wrong month for the serving version, existing version). */
export class RetrainRefusal extends Error {
  override name = 'RetrainRefusal';
}

const iso = (ts: number): string => new Date(ts).toISOString();
const since = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

/** The serving model and what it was trained on; refuses one that saw the test month. */
function openCurrent(modelsDir: string, month: Month): { version: string; dir: string } | null {
  const version = currentVersion(modelsDir);
  if (version === null) return null;
  const dir = promotedDir(modelsDir, version);
  const { metadata } = loadRecommender(dir);
  // The training window is a fact about the data, not a claim about quality: it says whether the
  // test month would be new to the serving model too.
  const trainedTo = Date.parse(metadata.training_data?.window?.to);
  if (!(trainedTo <= month.end))
    throw new RetrainRefusal(
      `the serving version ${version} was trained on events up to ${metadata.training_data?.window?.to}, ` +
        `which reach into the test month ${addMonths(month, 1).label}: retrain for a month after its training window`,
    );
  return { version, dir };
}

/** Titles of the items the model can answer with, keyed by id (the service's page shows them). */
function catalogueOf(titles: ReadonlyMap<number, string | null>, ids: Iterable<number>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const id of [...ids].sort((a, b) => a - b)) out[String(id)] = titles.get(id) ?? null;
  return out;
}

/** The gate's verdict against the serving model, or (first run) the candidate's scores alone. */
function judge(
  candidate: Recommender,
  current: { dir: string } | null,
  data: MonthData,
  gate: GateOptions = {},
): { verdict?: RecsVerdict; scores: ModelScores; testUsers: number } {
  if (current) {
    const verdict = compareOnMonth(loadRecommender(current.dir).model, candidate, data.test, data.history, gate);
    return { verdict, scores: verdict.candidate, testUsers: verdict.users };
  }
  const alone = perUserScores(candidate, data.test, data.history, gate.k ?? 10);
  return { scores: scoreIntervals(alone, gate.bootstrap), testUsers: alone.users.length };
}

/** Saves the fitted candidate under recs-retrain/candidates/ with its metadata, and returns that folder. */
function saveCandidate(options: RetrainOptions, version: string, fitted: Recommender, data: MonthData, parent: string | null): string {
  const { log } = options;
  const items = new Set(data.train.map((x) => x.item));
  saveRecommender(candidatesRoot(options.modelsDir), RECS_MODEL, version, fitted, {
    created_at: (options.now?.() ?? new Date()).toISOString(),
    training_data: {
      ...log.source,
      window: { from: iso(data.trainWindow.from), to: iso(data.trainWindow.to) },
      events: data.train.length,
      users: new Set(data.train.map((x) => x.user)).size,
      items: items.size,
    },
    metrics: { test: evaluateRecommender(fitted, data.test, data.history, { k: options.gate?.k ?? 10, catalogueSize: log.itemIds.size }) },
    test_window: { from: iso(data.testWindow.from), to: iso(data.testWindow.to) },
    recipe: options.recipe ?? DEFAULT_RECIPE,
    parent_version: parent,
    ...(log.titles ? { catalogue: catalogueOf(log.titles, items) } : {}),
  });
  return join(candidatesRoot(options.modelsDir), RECS_MODEL, version);
}

/** Checks that the run may start: the models folder, the month, and a version never written. */
function prepare(options: RetrainOptions): { version: string; data: MonthData; current: { version: string; dir: string } | null } {
  checkModelsDir(options.modelsDir);
  const version = versionOfMonth(options.month);
  const data = monthData(options.log, options.month);
  const current = openCurrent(options.modelsDir, options.month);
  try {
    checkNewVersion(options.modelsDir, version);
  } catch (e) {
    throw new RetrainRefusal((e as Error).message);
  }
  return { version, data, current };
}

/** Runs the retrain, writes the candidate (and promotes it when it passes) and appends the record. */
export function retrainMonth(options: RetrainOptions): RetrainRecord {
  const { month, modelsDir } = options;
  const recipe = options.recipe ?? DEFAULT_RECIPE;
  const { version, data, current } = prepare(options);
  let t0 = process.hrtime.bigint();
  const fitted = fitRecipe(recipe, data.train);
  const trainSeconds = since(t0);
  t0 = process.hrtime.bigint();
  const savedDir = saveCandidate(options, version, fitted, data, current?.version ?? null);
  const { verdict, scores, testUsers } = judge(loadRecommender(savedDir).model, current, data, options.gate);
  const decision: Decision = verdict === undefined ? 'first' : verdict.promote ? 'promoted' : 'refused';
  const record: RetrainRecord = {
    kind: 'retrain',
    at: (options.now?.() ?? new Date()).toISOString(),
    month: month.label,
    test_month: addMonths(month, 1).label,
    candidate_version: version,
    current_version: current?.version ?? null,
    decision,
    serving: decision === 'refused' ? (current?.version as string) : version,
    candidate_dir: decision === 'refused' ? savedDir : promoteCandidate(modelsDir, version),
    recipe,
    train: {
      events: data.train.length,
      users: new Set(data.train.map((x) => x.user)).size,
      items: new Set(data.train.map((x) => x.item)).size,
      from: iso(data.trainWindow.from),
      to: iso(data.trainWindow.to),
    },
    test: { interactions: data.test.length, users: testUsers },
    candidate: scores,
    verdict,
    seconds: { train: trainSeconds, evaluate: since(t0) },
  };
  appendRecord(modelsDir, record);
  return record;
}
