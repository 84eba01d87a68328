/**
 * The reference service: the template with every lab's solution (`npm run serve`).
 * Serves the latest model under models/spam/ and its web page on http://127.0.0.1:3000.
 *
 * From code (a notebook, a test, a container entry):
 *   const { url, close } = await startService({ PORT: '0' });
 * From compiled JavaScript: `node <outDir>/solutions/service/main.js`.
 */
import type { Logger } from 'pino';
import { launch, runMain, type ServiceHandle } from '../../server-template/src/bootstrap';
import { loadConfig } from '../../server-template/src/config';
import type { OpenArtifact } from '../lab-01-ship-the-model/src/registry';
import { defaultOpenArtifact } from './artifact';
import { buildServiceDeps } from './deps';
import { withFastPath } from './fast-path/predict-path';
import { releaseRoutes } from './release/admin-routes';

export type { ServiceHandle } from '../../server-template/src/bootstrap';

export interface StartServiceOptions {
  /** Artifact loader (default: the toolkit's). */
  openArtifact?: OpenArtifact;
  /** Default: pino at LOG_LEVEL on stdout. */
  logger?: Logger;
  /** Export process metrics (default true). */
  processMetrics?: boolean;
  /** Serve POST /predict on the fast path in front of the app (default true; see fast-path/). */
  fastPath?: boolean;
}

/**
 * Start the reference service.
 * @param env configuration variables (PORT, HOST, MODELS_DIR, HOLDOUT_FILE, …; see server-template/README.md);
 *   unset ones take their defaults. Pass `{ PORT: '0' }` for a free port.
 * @returns the URL it listens on and `close()` for a graceful shutdown
 * @throws ConfigError or StartupError with a message naming what to fix
 */
export async function startService(
  env: Record<string, string | undefined> = process.env,
  options: StartServiceOptions = {},
): Promise<ServiceHandle> {
  const config = loadConfig(env);
  const holdoutFile = env['HOLDOUT_FILE']?.trim() || undefined;
  const deps = await buildServiceDeps(config, options.openArtifact ?? defaultOpenArtifact, { holdoutFile });
  try {
    const front = options.fastPath === false ? undefined : withFastPath;
    const routes = releaseRoutes(deps.models);
    return await launch(config, deps, { logger: options.logger, processMetrics: options.processMetrics, front, routes });
  } catch (err) {
    deps.predictionLog.close();
    throw err;
  }
}

if (require.main === module) {
  runMain(
    () => startService(process.env),
    () => loadConfig(process.env).shutdownTimeoutMs,
  );
}
