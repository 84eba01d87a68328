/**
 * Given: the registry that holds a stable and a candidate version at once. The stable side is lab 05's
 * `VersionedRegistry` (hot swap, rollback, the holdout gate on every open); on top, a candidate
 * that passed the same gate is tried as a canary (it answers a share of the users) or in shadow
 * (it scores a copy of every request after stable's answer went out), then promoted or aborted
 * by the promotion rule on the numbers measured since it started.
 *
 * It is the reference service's own registry, and it runs your four parts (`ReleaseParts`): the
 * split (`canary.ts`), the shadow path (`shadow.ts`), the rule (`promotion.ts`) and the metrics
 * (`release-metrics.ts`). `new ReleaseRegistry(models, { parts })` takes others in their place.
 */
import type { AnsweredRequest, LoadedModel, ModelRegistry, RequestOrigin, SwapResult } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import type { VersionedRegistry } from '../../lab-05-version-and-retrain/src/versioning';
import { inCanary, requestKey } from './canary';
import { createReleaseMetrics, type ReleaseMetrics } from './release-metrics';
import { decidePromotion, type ArmCounts, type PromotionRule, type PromotionVerdict, type ReleaseEvidence } from './promotion';
import { createShadowPath, type ShadowComparison, type ShadowPath } from './shadow';
import type { Registry } from 'prom-client';

/** The replaceable parts: by default this folder's canary.ts, shadow.ts, promotion.ts and release-metrics.ts. */
export interface ReleaseParts {
  requestKey: typeof requestKey;
  inCanary: typeof inCanary;
  createShadowPath: typeof createShadowPath;
  decidePromotion: typeof decidePromotion;
  createReleaseMetrics: typeof createReleaseMetrics;
}

export const REFERENCE_PARTS: ReleaseParts = { requestKey, inCanary, createShadowPath, decidePromotion, createReleaseMetrics };

/** What a release measured since its candidate started: each counter's increase over the window. */
export interface ReleaseWindow {
  mode: ReleaseEvidence['mode'];
  stable: ArmCounts;
  candidate: ArmCounts;
  shadow: ReleaseEvidence['shadow'];
}

/** What `POST /admin/candidate` asks for. */
export interface CandidatePlan {
  version: string;
  mode: 'canary' | 'shadow';
  /** Canary: fraction of users the candidate answers, in (0, 1]. Shadow: 0 (it answers nobody). */
  share: number;
  rule: PromotionRule;
}

export interface ReleaseOptions {
  parts?: Partial<ReleaseParts>;
  /** Most request copies waiting for the shadow candidate (default 1,000). */
  shadowLimit?: number;
}

interface Release {
  plan: CandidatePlan;
  candidate: LoadedModel;
  stableVersion: string;
  startedAt: string;
  /** Both versions' counters when the release started. */
  atStart: { stable: ArmCounts; candidate: ArmCounts };
  /** Shadow copies the candidate scored (errors: copies it failed on), and their comparisons. */
  shadowCounts: ArmCounts;
  shadowResults: ReleaseEvidence['shadow'];
  shadow?: ShadowPath;
}

/** `GET /admin/candidate`'s body. */
export interface ReleaseStatus {
  stable: { name: string; version: string } | null;
  candidate: null | {
    version: string;
    mode: CandidatePlan['mode'];
    share: number;
    started_at: string;
    rule: PromotionRule;
    window: ReleaseWindow;
    verdict: PromotionVerdict;
    shadow_pending?: number;
  };
}

export class ReleaseRegistry implements ModelRegistry {
  private readonly parts: ReleaseParts;
  private readonly shadowLimit: number;
  private release: Release | undefined;
  private metrics: ReleaseMetrics | undefined;
  private readonly served = new WeakMap<LoadedModel, LoadedModel>();
  /** Requests each version answered or failed since the process started, like `model_predict_requests_total`. */
  private readonly counters = new Map<string, ArmCounts>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly stable: VersionedRegistry,
    options: ReleaseOptions = {},
  ) {
    this.parts = { ...REFERENCE_PARTS, ...options.parts };
    this.shadowLimit = options.shadowLimit ?? 1000;
  }

  /** Puts the release's metrics on the app's registry (call once, from `predictionMetrics`). */
  registerMetrics(registry: Registry): void {
    this.metrics = this.parts.createReleaseMetrics(registry);
  }

  current(): LoadedModel | undefined {
    return this.stable.current();
  }
  versions(): Promise<string[]> {
    return this.stable.versions();
  }
  load(version?: string): Promise<LoadedModel> {
    return this.stable.load(version);
  }
  reload(version?: string): Promise<SwapResult> {
    return this.serial(() => (this.refuseWhileReleasing('reload'), this.stable.reload(version)));
  }
  rollback(): Promise<SwapResult> {
    return this.serial(() => (this.refuseWhileReleasing('roll back'), this.stable.rollback()));
  }

  modelFor(texts: readonly string[], origin: RequestOrigin): LoadedModel | undefined {
    const stable = this.stable.current();
    if (!stable) return undefined;
    const r = this.release;
    if (r?.plan.mode === 'canary' && this.parts.inCanary(this.parts.requestKey(texts, origin), r.plan.share))
      return this.accounted(r.candidate);
    return this.accounted(stable);
  }

  answered(request: AnsweredRequest): void {
    const r = this.release;
    if (r?.shadow && request.model.info.version === r.stableVersion) r.shadow.submit({ texts: request.texts, stable: request.predictions });
  }

  /** Opens `plan.version` through the stable side's gated source (404, 422, 503 pass through) and starts trying it. */
  start(plan: CandidatePlan): Promise<ReleaseStatus> {
    return this.serial(async () => {
      if (this.release) throw activeRelease(this.release);
      const stable = this.stable.current();
      if (!stable) throw new HttpError(503, 'model_not_ready', 'No stable model is loaded yet.');
      if (plan.version === stable.info.version) {
        throw new HttpError(409, 'already_stable', `Version ${plan.version} is already the stable version.`, { stable: plan.version });
      }
      const candidate = await openCandidate(this.stable, plan.version);
      const release: Release = {
        plan,
        candidate,
        stableVersion: stable.info.version,
        startedAt: new Date().toISOString(),
        atStart: { stable: this.countersOf(stable.info.version), candidate: this.countersOf(plan.version) },
        shadowCounts: { requests: 0, errors: 0 },
        shadowResults: { agree: 0, disagree: 0, dropped: 0 },
      };
      if (plan.mode === 'shadow') release.shadow = this.shadowFor(release);
      this.release = release;
      this.metrics?.trying(plan.version, plan.mode);
      return this.status();
    });
  }

  /** The rule's verdict now: promote swaps the candidate in (rollback returns to the old stable), abort ends the release. */
  decide(): Promise<{ verdict: PromotionVerdict; window: ReleaseWindow; swap?: SwapResult }> {
    return this.serial(async () => {
      const r = this.requireRelease();
      const verdict = this.parts.decidePromotion(this.evidence(r), r.plan.rule);
      const window = this.window(r);
      if (verdict.decision === 'wait') return { verdict, window };
      this.end(r);
      if (verdict.decision === 'abort') return { verdict, window };
      // Through the gate again: the same holdout and seed, so the verdict it passed with holds.
      return { verdict, window, swap: await this.stable.reload(r.plan.version) };
    });
  }

  /** Ends the release: every request goes to stable again. */
  abort(): Promise<{ aborted: string; window: ReleaseWindow }> {
    return this.serial(async () => {
      const r = this.requireRelease();
      this.end(r);
      return { aborted: r.plan.version, window: this.window(r) };
    });
  }

  /** Stable, the candidate and the window's numbers. */
  status(): ReleaseStatus {
    const info = this.stable.current()?.info;
    const r = this.release;
    const stable = info ? { name: info.name, version: info.version } : null;
    if (!r) return { stable, candidate: null };
    const { version, mode, share, rule } = r.plan;
    const shadow = r.shadow ? { shadow_pending: r.shadow.pending() } : {};
    return {
      stable,
      candidate: { version, mode, share, started_at: r.startedAt, rule, window: this.window(r), verdict: this.verdictNow(r), ...shadow },
    };
  }

  /** The rule's verdict for the status page: a rule that throws (not written yet) reads as "wait", so a release can still run. */
  private verdictNow(r: Release): PromotionVerdict {
    try {
      return this.parts.decidePromotion(this.evidence(r), r.plan.rule);
    } catch (err) {
      return { decision: 'wait', reasons: [`the promotion rule failed: ${err instanceof Error ? err.message : String(err)}`] };
    }
  }

  /** What the rule decides on: each version's counters at the start and now. */
  private evidence(r: Release): ReleaseEvidence {
    const candidateNow = r.plan.mode === 'shadow' ? { ...r.shadowCounts } : this.countersOf(r.plan.version);
    return {
      mode: r.plan.mode,
      stable: { atStart: { ...r.atStart.stable }, now: this.countersOf(r.stableVersion) },
      candidate: { atStart: r.plan.mode === 'shadow' ? { requests: 0, errors: 0 } : { ...r.atStart.candidate }, now: candidateNow },
      shadow: { ...r.shadowResults },
    };
  }

  /** The evidence as an operator reads it: what each version did since the release started. */
  private window(r: Release): ReleaseWindow {
    const e = this.evidence(r);
    const increase = ({ now, atStart }: ReleaseEvidence['stable']): ArmCounts => ({
      requests: now.requests - atStart.requests,
      errors: now.errors - atStart.errors,
    });
    return { mode: e.mode, stable: increase(e.stable), candidate: increase(e.candidate), shadow: e.shadow };
  }

  private countersOf(version: string): ArmCounts {
    const c = this.counters.get(version);
    return c ? { ...c } : { requests: 0, errors: 0 };
  }

  /** Resolves once the shadow candidate has scored every copy submitted so far (tests, benchmarks). */
  shadowIdle(): Promise<void> {
    return this.release?.shadow?.idle() ?? Promise.resolve();
  }

  private end(r: Release): void {
    r.shadow?.stop();
    this.release = undefined;
    this.metrics?.ended();
  }

  private shadowFor(r: Release): ShadowPath {
    const version = r.plan.version;
    return this.parts.createShadowPath({
      candidate: r.candidate,
      limit: this.shadowLimit,
      listener: {
        compared: (c: ShadowComparison) => {
          r.shadowCounts.requests++;
          r.shadowResults.agree += c.agree;
          r.shadowResults.disagree += c.disagree;
          this.metrics?.compared(version, c);
        },
        dropped: () => {
          r.shadowResults.dropped++;
          this.metrics?.dropped(version);
        },
        failed: () => {
          r.shadowCounts.requests++;
          r.shadowCounts.errors++;
          this.metrics?.failed(version);
        },
      },
    });
  }

  /** `model`, counting each request it answers or fails, by version, for /metrics and the window. */
  private accounted(model: LoadedModel): LoadedModel {
    const known = this.served.get(model);
    if (known) return known;
    const version = model.info.version;
    const count = (outcome: 'ok' | 'error'): void => {
      this.metrics?.answered(version, outcome);
      const arm = this.counters.get(version) ?? { requests: 0, errors: 0 };
      arm.requests++;
      if (outcome === 'error') arm.errors++;
      this.counters.set(version, arm);
    };
    const wrapped: LoadedModel = {
      info: model.info,
      threshold: model.threshold,
      metadata: model.metadata,
      predictProba(texts) {
        let scores: number[];
        try {
          scores = model.predictProba(texts);
        } catch (err) {
          count('error');
          throw err;
        }
        count('ok');
        return scores;
      },
    };
    this.served.set(model, wrapped);
    return wrapped;
  }

  private refuseWhileReleasing(what: string): void {
    if (this.release) throw activeRelease(this.release, `Cannot ${what} while a release runs`);
  }

  private requireRelease(): Release {
    if (!this.release) throw new HttpError(409, 'no_candidate', 'No candidate is being tried: POST /admin/candidate starts one.');
    return this.release;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function activeRelease(r: Release, what = 'A release is already running'): HttpError {
  return new HttpError(
    409,
    'release_in_progress',
    `${what}: version ${r.plan.version} is tried as ${r.plan.mode}. POST /admin/candidate/promote or /admin/candidate/abort first.`,
    { candidate: r.plan.version, mode: r.plan.mode },
  );
}

/** The gated open of a reload: 404/422/503 as they come, any other failure as 422 naming the version. */
async function openCandidate(stable: VersionedRegistry, version: string): Promise<LoadedModel> {
  try {
    return await stable.source.open(version);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new HttpError(422, 'model_load_failed', `Could not load version ${version}: ${reason}. Stable keeps answering alone.`);
  }
}
