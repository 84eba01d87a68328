/**
 * The image half: the served image plus the candidate (and the holdout the service's own gate
 * scores it on), then one container of it, started on 127.0.0.1 and asked three questions.
 */
import * as path from 'node:path';
import type { Engine } from './engine';
import { httpRequest } from './http';
import { IMAGE_MODELS_DIR } from './model-steps';
import { need, type Step } from './step';

/** Where the image keeps the holdout; the service's gate reads it through HOLDOUT_FILE. */
export const IMAGE_HOLDOUT = '/app/holdout/test.jsonl';

/** `repo:tag` → `repo:model-<version>`: same repository, one tag per candidate. */
export function candidateTag(base: string, version: string): string {
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const repo = colon > slash ? base.slice(0, colon) : base;
  return `${repo}:model-${version}`;
}

/** The Dockerfile: one layer on the served image, so everything else is the bytes already serving. */
export function candidateDockerfile(base: string, version: string): string {
  return [
    `FROM ${base}`,
    `COPY candidate ${IMAGE_MODELS_DIR}/spam/${version}`,
    `COPY holdout.jsonl ${IMAGE_HOLDOUT}`,
    `ENV HOLDOUT_FILE=${IMAGE_HOLDOUT}`,
    '',
  ].join('\n');
}

export function imageStep(deps: { engine: Engine; baseImage: string; holdoutFile: string }): Step {
  return {
    name: 'image',
    plan: () => `docker build: the served image (no stack: ${deps.baseImage}) + the candidate + the holdout, tagged …:model-<version>`,
    async run(state) {
      const served = need(state, 'served', 'served');
      const candidate = need(state, 'candidate', 'train');
      const base = served.image ?? deps.baseImage;
      const tag = candidateTag(base, candidate.version);
      const files = [
        { from: candidate.dir, to: 'candidate' },
        { from: path.resolve(deps.holdoutFile), to: 'holdout.jsonl' },
      ];
      await deps.engine.build(tag, candidateDockerfile(base, candidate.version), files);
      state.image = tag;
      return { kind: 'passed', summary: `${tag} (from ${base})` };
    },
  };
}

/** Bounds of the smoke test: attempts × interval for the container to become ready. */
export interface SmokeBounds {
  attempts: number;
  intervalMs: number;
}

const SPAM_TEXT = 'WIN MONEY NOW!!! Click http://example.com to claim your FREE prize!!!';

/** The probe's request settles even on a connection Docker's proxy closes unanswered (./http says why fetch does not). */
async function getStatus(url: string): Promise<number> {
  return (await httpRequest(url, { timeoutMs: 3_000 })).status;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Polls until `probe` is true, at most `bounds.attempts` times; returns the attempts used, or undefined. */
async function until(probe: () => Promise<boolean>, bounds: SmokeBounds): Promise<number | undefined> {
  for (let i = 1; i <= bounds.attempts; i++) {
    if (await probe().catch(() => false)) return i;
    await new Promise((resolve) => setTimeout(resolve, bounds.intervalMs));
  }
  return undefined;
}

export function smokeStep(deps: { engine: Engine; bounds?: SmokeBounds }): Step {
  const bounds = deps.bounds ?? { attempts: 120, intervalMs: 500 };
  return {
    name: 'smoke',
    plan: () => 'one container of the image on 127.0.0.1, serving the candidate: /health/live, /health/ready, one POST /predict',
    async run(state) {
      const image = need(state, 'image', 'image');
      const candidate = need(state, 'candidate', 'train');
      const began = Date.now();
      const box = await deps.engine.start(image, { MODEL_VERSION: candidate.version, PREDICTION_LOG: ':memory:' });
      try {
        const live = await until(async () => (await getStatus(`${box.url}/health/live`)) === 200, bounds);
        if (live === undefined)
          return { kind: 'stopped', reason: `GET /health/live never answered 200\n${await deps.engine.logs(box.id)}` };
        const ready = await until(async () => (await getStatus(`${box.url}/health/ready`)) === 200, bounds);
        if (ready === undefined)
          return { kind: 'stopped', reason: `GET /health/ready never answered 200\n${await deps.engine.logs(box.id)}` };
        const readySeconds = (Date.now() - began) / 1000;
        const res = await httpRequest(`${box.url}/predict`, { method: 'POST', json: { text: SPAM_TEXT }, timeoutMs: 5_000 });
        const body = parseJson(res.text) as {
          prediction?: string;
          probability?: number;
          model?: { version?: string };
        } | null;
        const answer = `${res.status} ${JSON.stringify(body)}`;
        if (res.status !== 200 || body?.model?.version !== candidate.version)
          return { kind: 'stopped', reason: `POST /predict answered ${answer}: expected 200 from version ${candidate.version}` };
        return {
          kind: 'passed',
          summary: `live, ready in ${readySeconds.toFixed(1)} s, /predict answered by ${candidate.version}`,
          figures: [`POST /predict → ${body.prediction} (probability ${body.probability?.toFixed(3)})`],
        };
      } finally {
        await deps.engine.remove(box.id);
      }
    },
  };
}
