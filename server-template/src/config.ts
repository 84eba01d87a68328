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
  /** Admin endpoints are disabled when unset. */
  adminToken: string | undefined;
  logLevel: LogLevel;
  maxTextChars: number;
  maxBodyBytes: number;
  maxBatch: number;
  /** How many recent predictions the drift report covers. */
  driftWindow: number;
  /** Milliseconds to let in-flight requests finish on SIGTERM before closing connections. */
  shutdownTimeoutMs: number;
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
  if (adminToken !== undefined && adminToken.length < 16) problems.push('ADMIN_TOKEN must be at least 16 characters (or unset to disable the admin endpoints)');
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const logPath = text(env, 'PREDICTION_LOG') ?? path.join(root, '.work', 'predictions.sqlite');
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    host,
    modelsDir: path.resolve(text(env, 'MODELS_DIR') ?? path.join(root, 'models')),
    modelName,
    modelVersion,
    predictionLog: logPath === ':memory:' ? logPath : path.resolve(logPath),
    adminToken,
    logLevel,
    maxTextChars: integer(env, 'MAX_TEXT_CHARS', 100_000, 1, 10_000_000, problems),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_048_576, 64, 100 * 1_048_576, problems),
    maxBatch: integer(env, 'MAX_BATCH', 100, 1, 10_000, problems),
    driftWindow: integer(env, 'DRIFT_WINDOW', 500, 10, 1_000_000, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 8_000, 0, 60_000, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
