/**
 * The recommendation service (`npm run serve:recs`): the latest model under models/recs/ and
 * its page on http://127.0.0.1:3001, beside the spam API on 3000.
 *
 * From code (a test, a benchmark): `const { url, close } = await startRecsService({ PORT: '0' });`
 * From compiled JavaScript: `node <outDir>/solutions/recs-service/main.js`.
 */
import type { Logger } from 'pino';
import { runMain, type ServiceHandle } from '../../server-template/src/bootstrap';
import { loadConfig, type Config } from '../../server-template/src/config';
import { createLogger } from '../../server-template/src/logging';
import { start } from '../../server-template/src/server';
import { createRecsApp } from './app';
import { buildRecsDeps } from './deps';

export const RECS_DEFAULTS = { PORT: '3001', MODEL_NAME: 'recs' } as const;

/** The template's configuration, with this service's own port and model name as defaults. */
export function loadRecsConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig({ ...env, PORT: env['PORT'] ?? RECS_DEFAULTS.PORT, MODEL_NAME: env['MODEL_NAME'] ?? RECS_DEFAULTS.MODEL_NAME });
}

export interface StartRecsOptions {
  /** Default: pino at LOG_LEVEL on stdout. */
  logger?: Logger;
  /** Export process metrics (default true). */
  processMetrics?: boolean;
}

/**
 * Start the recommendation service (the template's `launch`, with this service's routes).
 * @param env PORT (default 3001), HOST, MODELS_DIR, MODEL_NAME (default recs), MODEL_VERSION, ADMIN_TOKEN, …
 * @throws ConfigError or StartupError with a message naming what to fix
 */
export async function startRecsService(
  env: Record<string, string | undefined> = process.env,
  options: StartRecsOptions = {},
): Promise<ServiceHandle> {
  const config = loadRecsConfig(env);
  const deps = await buildRecsDeps(config);
  const logger = options.logger ?? createLogger(config.logLevel);
  const service = createRecsApp(deps, { config, logger, processMetrics: options.processMetrics ?? true });
  const running = await start(service, {
    port: config.port,
    host: config.host,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    drainDelayMs: config.drainDelayMs,
    requestTimeoutMs: config.requestTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
  });
  return { url: running.url, port: running.port, service, close: running.shutdown };
}

if (require.main === module) {
  runMain(
    () => startRecsService(process.env),
    () => loadRecsConfig(process.env).shutdownTimeoutMs,
  );
}
