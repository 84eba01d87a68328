/**
 * The model half of the pipeline: find the model that serves now, train a candidate, score it
 * on the holdout, and gate it against the served one with the service's own rule (lab 05's
 * paired bootstrap, `solutions/service/holdout-gate.ts`).
 */
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { loadArtifact } from '../../mlkit/artifact';
import { latestVersion } from '../../mlkit/artifact/versions';
import { applyThreshold, confusionMatrix, f1, precision, recall } from '../../mlkit/metrics';
import type { LoadedModel } from '../../server-template/src/contracts';
import { toLoadedModel } from '../../solutions/lab-01-ship-the-model/src/registry';
import { compareOnHoldout, readHoldout, type Holdout } from '../../solutions/service/holdout-gate';
import type { Cluster } from './cluster';
import { need, type Step } from './step';

/** The service's models folder inside the image (the Dockerfile's MODELS_DIR). */
export const IMAGE_MODELS_DIR = '/app/models';
const NAME = 'spam';

/** MAJOR.MINOR.PATCH → MAJOR.MINOR.(PATCH+1); other version shapes get `.1` appended. */
export function nextPatch(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : `${version}.1`;
}

/** A model folder as the service's `LoadedModel` (checksums verified by the toolkit's loader). */
export function openModel(dir: string, version: string): LoadedModel {
  return toLoadedModel(loadArtifact(dir), NAME, version);
}

/**
 * Which model serves now: asked of a running replica when the stack is deployed (and copied out
 * of it, so the gate scores exactly those bytes), else the latest version in `models`.
 */
export function servedStep(deps: { cluster: Cluster; models: string; scratch: string }): Step {
  return {
    name: 'served',
    plan: () => `ask a replica of ${deps.cluster.service} which model it serves (no stack: the latest in ${deps.models}/${NAME})`,
    async run(state) {
      const image = await deps.cluster.image();
      if (image === undefined) {
        const version = latestVersion(deps.models, NAME);
        if (version === null) return { kind: 'stopped', reason: `no stack ${deps.cluster.service} and no model in ${deps.models}/${NAME}` };
        state.served = { version, dir: path.join(deps.models, NAME, version), where: `${deps.models}/${NAME} (no stack running)` };
        return { kind: 'passed', summary: `${version} from ${state.served.where}` };
      }
      const [replica] = await deps.cluster.replicas();
      if (replica === undefined) return { kind: 'stopped', reason: `${deps.cluster.service} runs no replica: nothing to compare against` };
      const answer = await deps.cluster.call(replica, 'GET', '/models/current');
      const version = (answer.body as { version?: unknown } | null)?.version;
      if (answer.status !== 200 || typeof version !== 'string')
        return {
          kind: 'stopped',
          reason: `GET /models/current on ${replica.slice(0, 12)} answered ${answer.status} ${JSON.stringify(answer.body)}`,
        };
      const into = path.join(deps.scratch, 'served', NAME);
      rmSync(into, { recursive: true, force: true });
      mkdirSync(into, { recursive: true });
      await deps.cluster.copyOut(replica, `${IMAGE_MODELS_DIR}/${NAME}/${version}`, path.join(into, version));
      state.served = { version, dir: path.join(into, version), where: `${deps.cluster.service} (${image})`, image };
      return { kind: 'passed', summary: `${version} served by ${state.served.where}` };
    },
  };
}

/** Trains `version` into `<out>/spam/<version>/`, printing what it prints; throws when it fails. */
export type Trainer = (version: string, out: string, log: (line: string) => void) => Promise<void>;

export function trainStep(deps: { train: Trainer; out: string; version?: string }): Step {
  return {
    name: 'train',
    plan: () => `npm run train -- --version ${deps.version ?? '<served version, next patch>'} --out ${deps.out}`,
    async run(state, log) {
      const served = need(state, 'served', 'served');
      const version = deps.version ?? nextPatch(served.version);
      if (version === served.version) return { kind: 'stopped', reason: `--version ${version} is the served version: pick another` };
      await deps.train(version, deps.out, log);
      state.candidate = { version, dir: path.join(deps.out, NAME, version) };
      openModel(state.candidate.dir, version); // the loader's checksum check, before anything else trusts it
      return { kind: 'passed', summary: `candidate ${version} in ${state.candidate.dir}` };
    },
  };
}

/** Precision, recall and F1 of `model` on `holdout`, at its own threshold. */
export function holdoutScores(model: LoadedModel, holdout: Holdout): { precision: number; recall: number; f1: number } {
  const cm = confusionMatrix(holdout.labels, applyThreshold(model.predictProba(holdout.texts), model.threshold));
  return { precision: precision(cm), recall: recall(cm), f1: f1(cm) };
}

const f4 = (x: number): string => x.toFixed(4);

export function evaluateStep(deps: { holdout: () => Holdout; holdoutFile: string }): Step {
  return {
    name: 'evaluate',
    plan: () => `score the candidate on ${deps.holdoutFile} (mail it never trained on), at its own threshold`,
    async run(state) {
      const candidate = need(state, 'candidate', 'train');
      const holdout = deps.holdout();
      const s = holdoutScores(openModel(candidate.dir, candidate.version), holdout);
      state.holdoutF1 = s.f1;
      return {
        kind: 'passed',
        summary: `F1 ${f4(s.f1)} on ${holdout.texts.length} holdout messages`,
        figures: [`precision ${f4(s.precision)}, recall ${f4(s.recall)}, F1 ${f4(s.f1)}`],
      };
    },
  };
}

/** The service's gate, with the pipeline's seed: promote only when the paired-bootstrap lower bound of the F1 gain is above 0. */
export function gateStep(deps: { holdout: () => Holdout; seed: number; resamples?: number }): Step {
  const settings = { resamples: deps.resamples ?? 1000, seed: deps.seed };
  return {
    name: 'gate',
    plan: () =>
      `candidate vs served on the same holdout rows: ${settings.resamples} paired resamples (seed ${settings.seed}); lower bound of the F1 gain must be > 0`,
    async run(state) {
      const served = need(state, 'served', 'served');
      const candidate = need(state, 'candidate', 'train');
      const v = compareOnHoldout(
        openModel(served.dir, served.version),
        openModel(candidate.dir, candidate.version),
        deps.holdout(),
        settings,
      );
      state.verdict = v;
      const numbers = `F1 ${f4(v.candidateF1)} vs ${f4(v.currentF1)} (served ${served.version}), gain ${f4(v.gain.estimate)}, 95 % interval [${f4(v.gain.low)}, ${f4(v.gain.high)}] on ${v.rows} rows`;
      if (!v.promote)
        return {
          kind: 'stopped',
          reason: `${candidate.version} does not beat ${served.version}: ${numbers}; the gate needs the lower bound above 0`,
        };
      return { kind: 'passed', summary: `${candidate.version} beats ${served.version}: ${numbers}` };
    },
  };
}

/** Reads the holdout once, on first use (dry runs and `--until served` never read it). */
export function lazyHoldout(file: string): () => Holdout {
  let holdout: Holdout | undefined;
  return () => {
    holdout ??= readHoldout(file);
    return holdout;
  };
}
