import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Service configuration, read from environment variables by `loadConfig`. */
export interface Config {
  port: number;
  host: string;
  /** Folder holding `<name>/<version>/` artifacts. */
  modelsDir: string;
  modelName: string;
  /** Version to load at start; `undefined` = the latest on disk. */
  modelVersion: string | undefined;
  /** SQLite file for the prediction log, or `:memory:`. */
  predictionLog: string;
  /**
   * PostgreSQL URL of a prediction log shared by several replicas (`postgres://…`); when unset,
   * the SQLite file above (one replica).
   */
  databaseUrl: string | undefined;
  /** Admin endpoints are disabled when unset. */
  adminToken: string | undefined;
  logLevel: LogLevel;
  maxTextChars: number;
  maxBodyBytes: number;
  maxBatch: number;
  /** Most characters (UTF-16 code units) in all the texts of one batch together. */
  maxBatchChars: number;
  /** How many recent predictions the drift report covers. */
  driftWindow: number;
  /**
   * Milliseconds from SIGTERM to exit, at most: the drain delay, then in-flight requests finish;
   * connections still open then are cut.
   */
  shutdownTimeoutMs: number;
  /**
   * Milliseconds after SIGTERM that the port stays open with readiness failing, so load
   * balancers and orchestrators stop routing here before it closes. Default 5000 with
   * NODE_ENV=production (the container), else 0: a laptop has no load balancer to wait for.
   */
  drainDelayMs: number;
  /** Milliseconds to receive a whole request, headers and body, before a 408. */
  requestTimeoutMs: number;
  /** Milliseconds to receive the request headers, before a 408. */
  headersTimeoutMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment is invalid; lists every problem so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  return value;
}

function text(env: Env, key: string): string | undefined {
  const raw = env[key];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type ShutdownTimes = Pick<Config, 'shutdownTimeoutMs' | 'drainDelayMs' | 'requestTimeoutMs' | 'headersTimeoutMs'>;

/** The drain delay must leave time for in-flight requests, and node needs headers ≤ request timeout. */
function shutdownTimes(env: Env, problems: string[]): ShutdownTimes {
  const production = env['NODE_ENV'] === 'production';
  const times: ShutdownTimes = {
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 9_000, 0, 120_000, problems),
    drainDelayMs: integer(env, 'DRAIN_DELAY_MS', production ? 5_000 : 0, 0, 60_000, problems),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15_000, 100, 600_000, problems),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000, problems),
  };
  if (times.drainDelayMs >= times.shutdownTimeoutMs && times.drainDelayMs > 0) {
    problems.push(
      `DRAIN_DELAY_MS (${times.drainDelayMs}) must be less than SHUTDOWN_TIMEOUT_MS (${times.shutdownTimeoutMs}), which bounds the whole shutdown`,
    );
  }
  if (times.headersTimeoutMs > times.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${times.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${times.requestTimeoutMs})`);
  }
  return times;
}

/** DATABASE_URL, if set, must be a PostgreSQL URL (the message never echoes it: it holds a password). */
function databaseUrl(env: Env, problems: string[]): string | undefined {
  const url = text(env, 'DATABASE_URL');
  if (url !== undefined && !/^postgres(ql)?:\/\/[^/]/.test(url))
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the SQLite log)');
  return url;
}

/**
 * Read and validate the configuration.
 * @param env usually `process.env`
 * @throws ConfigError naming every invalid variable
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const root = repoRoot();
  const modelName = text(env, 'MODEL_NAME') ?? 'spam';
  if (!NAME.test(modelName)) problems.push(`MODEL_NAME must be a plain folder name, got ${JSON.stringify(modelName)}`);
  const modelVersion = text(env, 'MODEL_VERSION');
  if (modelVersion !== undefined && !NAME.test(modelVersion)) {
    problems.push(`MODEL_VERSION must be a plain folder name like 1.0.0, got ${JSON.stringify(modelVersion)}`);
  }
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  const adminToken = text(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16)
    problems.push('ADMIN_TOKEN must be at least 16 characters (or unset to disable the admin endpoints)');
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const logPath = text(env, 'PREDICTION_LOG') ?? path.join(root, '.work', 'predictions.sqlite');
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    host,
    modelsDir: path.resolve(text(env, 'MODELS_DIR') ?? path.join(root, 'models')),
    modelName,
    modelVersion,
    predictionLog: logPath === ':memory:' ? logPath : path.resolve(logPath),
    databaseUrl: databaseUrl(env, problems),
    adminToken,
    logLevel,
    maxTextChars: integer(env, 'MAX_TEXT_CHARS', 100_000, 1, 10_000_000, problems),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_048_576, 64, 100 * 1_048_576, problems),
    maxBatch: integer(env, 'MAX_BATCH', 100, 1, 10_000, problems),
    maxBatchChars: integer(env, 'MAX_BATCH_CHARS', 1_000_000, 1, 1_000_000_000, problems),
    driftWindow: integer(env, 'DRIFT_WINDOW', 500, 10, 1_000_000, problems),
    ...shutdownTimes(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
