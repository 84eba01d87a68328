/**
 * The release half: roll the new image out (Swarm's rolling update: start-first, health
 * checked, rolled back on failure), start the candidate as a canary on every replica through
 * the release admin routes, watch its numbers for a bounded window, then promote it (a second
 * rolling update that makes it every replica's stable version) or roll it back.
 */
import { randomBytes } from 'node:crypto';
import { judgeWindow, type PromotionRule, type PromotionVerdict, type ReleaseStatus, type ReleaseWindow } from './release-rule';
import type { Cluster } from './cluster';
import { need, type Step } from './step';

const short = (id: string): string => id.slice(0, 12);

/** The canary's settings, sent to every replica as `POST /admin/candidate`. */
export interface CanarySettings {
  share: number;
  rule: PromotionRule;
  /** Longest wait for a rolling update, in seconds. */
  updateSeconds: number;
  /** Longest wait for one replica to answer GET /health/ready again after loading the candidate, in seconds. */
  readySeconds?: number;
  /** Pause after a replica is ready again, before the next one loads: the balancer needs two passing checks (rise 2, every second) to route to it again. */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Loading the candidate runs the service's gate on the holdout, which keeps a replica's event
 * loop busy: its readiness checks time out and the balancer takes it out. One replica at a
 * time, back in before the next: the balancer always has the others.
 */
async function waitReady(cluster: Cluster, replica: string, settings: CanarySettings): Promise<string | undefined> {
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + 1000 * (settings.readySeconds ?? 60);
  // Bounded in count too: one look per half second at most.
  for (let looks = 0; looks < 2 * (settings.readySeconds ?? 60) + 1; looks++) {
    const answer = await cluster.call(replica, 'GET', '/health/ready').catch(() => ({ status: 0, body: null }));
    if (answer.status === 200) {
      await sleep(settings.settleMs ?? 3_000);
      return undefined;
    }
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  return `replica ${short(replica)} was not ready again within ${settings.readySeconds ?? 60} s of loading the candidate`;
}

/** Ends the canary on `replicas` and puts the previous spec back; the reason, with what the rollback reached. */
async function rollBack(cluster: Cluster, replicas: readonly string[], updateSeconds: number, why: string): Promise<string> {
  for (const r of replicas) await cluster.call(r, 'POST', '/admin/candidate/abort').catch(() => undefined);
  const back = await cluster.rollback(updateSeconds);
  return `${why}; rolled back (${back.state}${back.message ? `: ${back.message}` : ''})`;
}

export function canaryStep(deps: { cluster: Cluster; settings: CanarySettings; token?: () => string }): Step {
  const { cluster, settings } = deps;
  return {
    name: 'canary',
    plan: () =>
      `rolling update of ${cluster.service} to the new image, then POST /admin/candidate {mode: canary, share: ${settings.share}} on one replica at a time, each ready again before the next`,
    async run(state, log) {
      const image = need(state, 'image', 'image');
      const candidate = need(state, 'candidate', 'train');
      // A fresh token per run, set on the service for the release only (the decision removes it).
      const token = (deps.token ?? (() => randomBytes(24).toString('base64url')))();
      const update = await cluster.update({ image, envAdd: { ADMIN_TOKEN: token } }, settings.updateSeconds);
      if (update.state !== 'completed')
        return { kind: 'stopped', reason: `the rolling update to ${image} ended ${update.state}: ${update.message || 'no message'}` };
      const replicas = await cluster.replicas();
      log(`${replicas.length} replicas run ${image}`);
      const body = { version: candidate.version, mode: 'canary', share: settings.share, rule: { min_samples: settings.rule.minSamples } };
      const started: string[] = [];
      for (const r of replicas) {
        const answer = await cluster.call(r, 'POST', '/admin/candidate', body);
        if (answer.status !== 200) {
          const why = `replica ${short(r)} refused the canary: ${answer.status} ${JSON.stringify(answer.body)}`;
          return { kind: 'stopped', reason: await rollBack(cluster, started, settings.updateSeconds, why) };
        }
        started.push(r);
        const late = await waitReady(cluster, r, settings);
        if (late) return { kind: 'stopped', reason: await rollBack(cluster, started, settings.updateSeconds, late) };
      }
      if (started.length === 0) return { kind: 'stopped', reason: await rollBack(cluster, [], settings.updateSeconds, 'no replica runs') };
      state.canary = { replicas: started };
      return {
        kind: 'passed',
        summary: `${candidate.version} answers ${(100 * settings.share).toFixed(0)} % of users on ${started.length} replicas`,
      };
    },
  };
}

/** Adds up the replicas' windows: the rule judges the release as a whole, not one replica. */
export function sumWindows(windows: readonly ReleaseWindow[]): ReleaseWindow {
  const total: ReleaseWindow = {
    mode: 'canary',
    stable: { requests: 0, errors: 0 },
    candidate: { requests: 0, errors: 0 },
    shadow: { agree: 0, disagree: 0, dropped: 0 },
  };
  for (const w of windows) {
    total.mode = w.mode;
    total.stable.requests += w.stable.requests;
    total.stable.errors += w.stable.errors;
    total.candidate.requests += w.candidate.requests;
    total.candidate.errors += w.candidate.errors;
    total.shadow.agree += w.shadow.agree;
    total.shadow.disagree += w.shadow.disagree;
    total.shadow.dropped += w.shadow.dropped;
  }
  return total;
}

export interface WatchSettings {
  rule: PromotionRule;
  /** The window's bound in time, seconds. */
  watchSeconds: number;
  /** Seconds between two looks; the bound in count is watchSeconds / pollSeconds + 1 looks. */
  pollSeconds: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** One look at every replica: the summed window, or why the release can no longer be judged. */
async function look(cluster: Cluster, replicas: readonly string[], version: string): Promise<ReleaseWindow | string> {
  const windows: ReleaseWindow[] = [];
  for (const r of replicas) {
    const answer = await cluster.call(r, 'GET', '/admin/candidate');
    const status = answer.body as ReleaseStatus | null;
    if (answer.status !== 200 || status?.candidate?.version !== version)
      return `replica ${short(r)} no longer tries ${version} (${answer.status} ${JSON.stringify(answer.body)}): restarted, or aborted by hand`;
    windows.push(status.candidate.window);
  }
  return sumWindows(windows);
}

const counts = (w: ReleaseWindow): string =>
  `candidate ${w.candidate.requests} requests, ${w.candidate.errors} errors; stable ${w.stable.requests}, ${w.stable.errors} errors`;

export function watchStep(deps: { cluster: Cluster; settings: WatchSettings }): Step {
  const { cluster, settings } = deps;
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = settings.now ?? Date.now;
  const maxLooks = Math.floor(settings.watchSeconds / settings.pollSeconds) + 1;
  return {
    name: 'watch',
    plan: () =>
      `every ${settings.pollSeconds} s for at most ${settings.watchSeconds} s: GET /admin/candidate on every replica, summed, judged by the promotion rule (≥ ${settings.rule.minSamples} candidate requests, error rate not above stable's + ${settings.rule.maxErrorRateIncrease})`,
    async run(state, log) {
      const candidate = need(state, 'candidate', 'train');
      const { replicas } = need(state, 'canary', 'canary');
      const began = now();
      let window = sumWindows([]);
      let verdict: PromotionVerdict = { decision: 'wait', reasons: ['not looked yet'] };
      let looks = 0;
      while (looks < maxLooks) {
        looks++;
        const seen = await look(cluster, replicas, candidate.version).catch((err: unknown) => `could not read the metrics: ${String(err)}`);
        if (typeof seen === 'string') {
          verdict = { decision: 'abort', reasons: [seen] };
          break;
        }
        window = seen;
        verdict = judgeWindow(window, settings.rule);
        log(`look ${looks} (${((now() - began) / 1000).toFixed(0)} s): ${counts(window)} → ${verdict.decision}`);
        if (verdict.decision !== 'wait' || (now() - began) / 1000 + settings.pollSeconds > settings.watchSeconds) break;
        await sleep(settings.pollSeconds * 1000);
      }
      const seconds = (now() - began) / 1000;
      // Evidence that never came is no evidence: a candidate not shown to be as good is not promoted.
      if (verdict.decision === 'wait')
        verdict = {
          decision: 'abort',
          reasons: [`the window closed after ${looks} looks in ${seconds.toFixed(0)} s: ${verdict.reasons.join('; ')}`],
        };
      state.watch = { verdict, window, polls: looks, seconds };
      return { kind: 'passed', summary: `${verdict.decision}: ${verdict.reasons.join('; ')}` };
    },
  };
}

export function decideStep(deps: { cluster: Cluster; updateSeconds: number; stack: string }): Step {
  const { cluster } = deps;
  return {
    name: 'decide',
    plan: () =>
      `promote (rolling update: MODEL_VERSION=<candidate> on every replica, admin token removed) or roll back (abort, docker service rollback)`,
    async run(state) {
      const candidate = need(state, 'candidate', 'train');
      const served = need(state, 'served', 'served');
      const image = need(state, 'image', 'image');
      const { replicas } = need(state, 'canary', 'canary');
      const { verdict } = need(state, 'watch', 'watch');
      if (verdict.decision !== 'promote') {
        const why = `not promoted: ${verdict.reasons.join('; ')}`;
        return { kind: 'stopped', reason: `${await rollBack(cluster, replicas, deps.updateSeconds, why)}; ${served.version} serves` };
      }
      const update = await cluster.update({ envAdd: { MODEL_VERSION: candidate.version }, envRm: ['ADMIN_TOKEN'] }, deps.updateSeconds);
      if (update.state !== 'completed')
        return { kind: 'stopped', reason: `the promotion's rolling update ended ${update.state}: ${update.message || 'no message'}` };
      const now = await cluster.replicas();
      const versions = await Promise.all(
        now.map(async (r) => ((await cluster.call(r, 'GET', '/models/current')).body as { version?: string } | null)?.version),
      );
      const on = versions.filter((v) => v === candidate.version).length;
      if (on !== now.length || on === 0)
        return {
          kind: 'stopped',
          reason: `after the promotion the replicas serve ${JSON.stringify(versions)}, not all ${candidate.version}`,
        };
      return {
        kind: 'passed',
        summary: `promoted ${candidate.version}: ${on}/${now.length} replicas serve it (${verdict.reasons.join('; ')})`,
        figures: [
          `to keep it on the next deploy: API_IMAGE=${image} MODEL_VERSION=${candidate.version} docker stack deploy -c deploy/swarm/stack.yml ${deps.stack}`,
        ],
      };
    },
  };
}
