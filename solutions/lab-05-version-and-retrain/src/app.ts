/**
 * Lab 05's service: the template's app with the earlier labs' parts in short (models on disk,
 * the threshold, a plain request reader) and your versioned registry and admin guard.
 * `npm run check` starts it through `createLabApp` with versions written by `writeVersions`.
 */
import pino from 'pino';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { Predictor, RequestValidator } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import { holeDeps } from '../../../server-template/src/holes';
import { bearerGuard } from './auth';
import { diskSource, writeVersions, type VersionSpec } from './model-store';
import { VersionedRegistry, type EvaluationGate } from './versioning';

/** Lab 01's answer, in short: spam when `probability >= threshold`. */
const predictor: Predictor = {
  predict: (model, texts) => model.predictProba(texts).map((probability) => ({ prediction: probability >= model.threshold ? 'spam' : 'ham', probability })),
};

/** Lab 01's request reader, in short. */
const validator: RequestValidator = {
  parsePredict(body) {
    const b = body as { text?: unknown; instances?: unknown } | null;
    if (typeof b?.text === 'string') return { kind: 'single', texts: [b.text] };
    const texts = Array.isArray(b?.instances) ? b.instances.map((i: { text?: unknown } | null) => i?.text) : [];
    if (texts.length > 0 && texts.every((t): t is string => typeof t === 'string')) return { kind: 'batch', texts };
    throw new HttpError(400, 'invalid_request', 'Send {"text": "…"} or {"instances": [{"text": "…"}, …]}.');
  },
};

export interface LabAppOptions {
  /** ADMIN_TOKEN (at least 16 characters). */
  token: string;
  /** Versions to serve, written from the committed model (default: only 1.0.0). */
  versions?: VersionSpec[];
  /** The version answering at start (default 1.0.0). */
  start?: string;
  gate?: EvaluationGate;
  /** Previous models kept for rollback. */
  keep?: number;
}

/** Builds the app with `start` loaded behind your registry, and the admin endpoints behind your guard. */
export async function createLabApp(options: LabAppOptions): Promise<unknown> {
  const config = { ...loadConfig({}), adminToken: options.token };
  const modelsDir = writeVersions(config.modelsDir, options.versions ?? [{ version: '1.0.0' }]);
  const models = new VersionedRegistry(diskSource(modelsDir, config.modelName), { gate: options.gate, keep: options.keep });
  await models.load(options.start ?? '1.0.0');
  const deps = holeDeps({ models, predictor, validator, admin: bearerGuard });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
}
