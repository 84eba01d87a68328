/**
 * Helpers for tests of the service (template, solutions and graders): a fake model, an
 * in-memory registry, a silent logger, and starting an app on 127.0.0.1 with a free port.
 */
import pino, { type Logger } from 'pino';
import { createApp, type AppConfig, type ServiceApp } from './app';
import type { LoadedModel, ModelRegistry, Prediction, ServiceDeps, SwapResult } from './contracts';
import { HttpError } from './errors';
import { holeDeps } from './holes';
import { start, type RunningServer, type StartOptions } from './server';

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A model whose spam probability grows with the number of "free"/"money"/"!" in the text. */
export function fakeModel(version = '1.0.0', threshold = 0.5): LoadedModel {
  return {
    info: { name: 'spam', version },
    threshold,
    metadata: { created_at: '2026-01-01T00:00:00Z', metrics: { test: { f1: 0.9 } } },
    predictProba: (texts) =>
      texts.map((t) => {
        const hits = (t.toLowerCase().match(/free|money|!/g) ?? []).length;
        return 1 - 1 / (1 + hits);
      }),
  };
}

/** A registry over in-memory models; `ready: false` starts with none loaded. */
export class MemoryRegistry implements ModelRegistry {
  private active: LoadedModel | undefined;
  private readonly previous: LoadedModel[] = [];

  constructor(
    readonly models: LoadedModel[],
    ready = true,
  ) {
    this.active = ready ? models[models.length - 1] : undefined;
  }

  current(): LoadedModel | undefined {
    return this.active;
  }

  async load(version?: string): Promise<LoadedModel> {
    const model = version === undefined ? this.models[this.models.length - 1] : this.models.find((m) => m.info.version === version);
    if (!model) throw new HttpError(404, 'version_not_found', `no version ${version}`);
    this.active = model;
    return model;
  }

  async versions(): Promise<string[]> {
    return this.models.map((m) => m.info.version);
  }

  async reload(version?: string): Promise<SwapResult> {
    const before = this.active;
    await this.load(version);
    if (before) this.previous.push(before);
    return { previous: before?.info, current: (this.active as LoadedModel).info };
  }

  async rollback(): Promise<SwapResult> {
    const target = this.previous.pop();
    if (!target) throw new HttpError(409, 'nothing_to_roll_back', 'none');
    const before = this.active;
    this.active = target;
    return { previous: before?.info, current: target.info };
  }
}

/** Minimal working parts so template tests can exercise /predict without any lab's code. */
export function workingDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return holeDeps({
    models: new MemoryRegistry([fakeModel()]),
    validator: {
      parsePredict(body) {
        const text = (body as { text?: unknown } | undefined)?.text;
        if (typeof text !== 'string') throw new HttpError(400, 'invalid_request', 'text must be a string', [{ field: 'text' }]);
        return { kind: 'single', texts: [text] };
      },
    },
    predictor: {
      predict: (model, texts): Prediction[] =>
        model.predictProba(texts).map((p) => ({ prediction: p >= model.threshold ? 'spam' : 'ham', probability: p })),
    },
    ...overrides,
  });
}

export const TEST_CONFIG: AppConfig = {
  modelName: 'spam',
  adminToken: 'test-admin-token-0123456789',
  maxTextChars: 1000,
  maxBodyBytes: 4096,
  maxBatch: 5,
  maxBatchChars: 2000,
};

export interface Started extends RunningServer {
  service: ServiceApp;
}

/** createApp + listen on 127.0.0.1, a free port. Call `shutdown()` in `after`. */
export async function startTestApp(
  deps: ServiceDeps,
  config: Partial<AppConfig> = {},
  logger: Logger = silentLogger(),
  options: Partial<Omit<StartOptions, 'port' | 'host'>> = {},
): Promise<Started> {
  const service = createApp(deps, { config: { ...TEST_CONFIG, ...config }, logger });
  const running = await start(service, {
    port: 0,
    host: '127.0.0.1',
    shutdownTimeoutMs: 5000,
    onClosed: () => deps.predictionLog.close(),
    ...options,
  });
  return { ...running, service };
}

/** POST JSON (or a raw string body with its own content type). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
