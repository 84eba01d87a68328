/**
 * The seams between the service infrastructure (this template) and the model-specific work the
 * labs fill in. `createApp` receives one implementation of each; the template ships "hole"
 * implementations (see `holes.ts`) that answer 501 naming the lab to do.
 */
import type { Registry } from 'prom-client';

/** Which model answered: echoed in every prediction response and in the `model_info` gauge. */
export interface ModelInfo {
  name: string;
  version: string;
}

/** A model loaded in memory and ready to score texts. */
export interface LoadedModel {
  info: ModelInfo;
  /** Probability threshold: `probability >= threshold` means spam. */
  threshold: number;
  /** The artifact's metadata.json, parsed (metrics, training data, drift reference, …). */
  metadata: Readonly<Record<string, unknown>>;
  /**
   * Spam probability per text.
   * @param texts n message texts (`subject + "\n\n" + body`)
   * @returns n numbers in [0, 1], same order as `texts`
   */
  predictProba(texts: string[]): number[];
}

/** The answer for one text. */
export interface Prediction {
  prediction: 'spam' | 'ham';
  /** Spam probability in [0, 1]. */
  probability: number;
}

/** Result of swapping the live model (reload or rollback). */
export interface SwapResult {
  /** The model that answered before the swap (absent when none was loaded). */
  previous?: ModelInfo;
  current: ModelInfo;
}

/** Models on disk (lab 01). */
export interface ModelSource {
  /** Read and verify `version` (the latest when omitted) without making it current. */
  open(version?: string): Promise<LoadedModel>;
  /** Versions on disk, oldest first. */
  versions(): Promise<string[]>;
}

/**
 * Which model answers. Lab 01 fills `current`, `load` and `versions`; lab 05 fills `reload`
 * and `rollback`.
 */
export interface ModelRegistry {
  /** The model answering now; `undefined` before the first successful load. Hot path: no I/O. */
  current(): LoadedModel | undefined;
  /** Load `version` (the latest on disk when omitted) and make it current. */
  load(version?: string): Promise<LoadedModel>;
  /** Versions on disk, oldest first. */
  versions(): Promise<string[]>;
  /** Load `version` (the latest when omitted) and swap it in; a failed load keeps the old model. */
  reload(version?: string): Promise<SwapResult>;
  /** Swap back to the model that was current before the last swap. */
  rollback(): Promise<SwapResult>;
  /**
   * Optional (a canary release): the model that answers this request, when not every request is
   * answered by `current()`. Absent, or `undefined`: `current()` answers. Hot path: no I/O.
   */
  modelFor?(texts: readonly string[], origin: RequestOrigin): LoadedModel | undefined;
  /**
   * Optional (a shadow release): sees every request `/predict` answered, just before the answer
   * is sent. Must return at once: work it wants to do with the request runs later.
   */
  answered?(request: AnsweredRequest): void;
}

/** What `/predict` knows of a request besides its body. */
export interface RequestOrigin {
  /** The `X-User-Id` header, when the client sent one: the key a canary splits traffic by. */
  userId?: string;
}

/** A request `/predict` answered, as `ModelRegistry.answered` sees it. */
export interface AnsweredRequest {
  /** The model that answered (the one `modelFor` or `current()` gave). */
  model: LoadedModel;
  texts: readonly string[];
  /** One per text, same order. */
  predictions: readonly Prediction[];
  origin: RequestOrigin;
}

/** A parsed `POST /predict` body: one text or a batch. */
export type PredictRequest = { kind: 'single'; texts: [string] } | { kind: 'batch'; texts: string[] };

/** Limits the validator enforces (from the service configuration). */
export interface RequestLimits {
  /** Longest accepted text, in characters (UTF-16 code units). */
  maxTextChars: number;
  /** Most instances in one batch. */
  maxBatch: number;
  /**
   * Most characters (UTF-16 code units) in all of a batch's texts together: the work a request
   * brings is bounded by its characters, and `maxBatch × maxTextChars` alone is a lot.
   * Absent: no bound beyond those two.
   */
  maxBatchChars?: number;
}

/**
 * Turns an already JSON-parsed body into a `PredictRequest`, or throws an `HttpError`
 * (400 / 413) that names what was wrong. Lab 01 writes a first version, lab 02 hardens it.
 */
export interface RequestValidator {
  parsePredict(body: unknown, limits: RequestLimits): PredictRequest;
}

/**
 * Turns probabilities into answers. Lab 01.
 * @returns one Prediction per text, same order
 */
export interface Predictor {
  predict(model: LoadedModel, texts: string[]): Prediction[];
}

/** One prediction as /predict hands it to the log. */
export interface LoggedPrediction {
  /** Milliseconds since the Unix epoch. */
  ts: number;
  model: ModelInfo;
  text: string;
  prediction: 'spam' | 'ham';
  probability: number;
}

/**
 * One prediction as the log keeps it: the text's monitoring features instead of the text
 * itself (what drift needs, without storing people's mail).
 */
export interface StoredPrediction {
  ts: number;
  model: ModelInfo;
  prediction: 'spam' | 'ham';
  probability: number;
  /** `textFeatures(text)` from the toolkit's drift module: length, tokens, urls, … */
  features: Record<string, number | string>;
}

/** Remembers predictions for monitoring. Lab 04. */
export interface PredictionLog {
  /** Called on the hot path: must be cheap (buffer, write later). */
  record(rows: LoggedPrediction[]): void;
  /** The last `n` predictions, newest first (including ones still buffered). */
  recent(n: number): StoredPrediction[];
  /** Write what is buffered and release the file. */
  close(): void;
}

/** A drift report over recent traffic (the shape comes from the toolkit's drift module). */
export interface DriftSummary {
  /** One number for dashboards: higher means the traffic looks less like the training data. */
  score: number;
  /** How many logged predictions the report covers. */
  window: number;
  /** Full report, passed through to `GET /monitoring/drift`. */
  report: unknown;
}

/** Compares recent traffic with the model's reference statistics. Lab 04. */
export interface DriftMonitor {
  report(model: LoadedModel): DriftSummary;
}

/** Guards the admin endpoints. Lab 05. */
export interface AdminGuard {
  /**
   * Throws an `HttpError` 401 (missing or malformed credentials) or 403 (wrong token).
   * @param authorization the raw `Authorization` header, if any
   * @param token the configured ADMIN_TOKEN
   */
  authorize(authorization: string | undefined, token: string): void;
}

/**
 * Sees every batch `/predict` answers, after the predictor and before the response.
 * @param model the model that answered (its version labels the series)
 * @param predictions one per text of the request, same order
 */
export type PredictionObserver = (model: ModelInfo, predictions: readonly Prediction[]) => void;

/**
 * Metrics of a lab's own (lab 04): registers them on the app's registry, the one
 * `GET /metrics` serves, and returns the observer that updates them.
 */
export type PredictionMetrics = (registry: Registry) => PredictionObserver;

/** Everything `createApp` needs besides configuration. */
export interface ServiceDeps {
  models: ModelRegistry;
  validator: RequestValidator;
  predictor: Predictor;
  predictionLog: PredictionLog;
  drift: DriftMonitor;
  admin: AdminGuard;
  /** Optional: without it, `/metrics` shows only the template's metrics. */
  predictionMetrics?: PredictionMetrics;
}
