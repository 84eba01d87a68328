/** Instructor checks for lab 01: quality on held-out data, behaviour, artifact metadata. */
import { check, expectEqual, expectStatus } from '../../../grading/harness';
import { call, probabilities } from '../grader/http';
import { servedModel } from '../grader/served';
import heldOut from '../grader/fixtures/held-out.json';
import parity from '../grader/fixtures/parity.json';

const SPAMMY = 'Hello Anna, the minutes from Tuesday are attached.';

describe('lab-01 instructor checks', () => {
  check(
    'quality gate: accuracy ≥ 0.90 and spam recall ≥ 0.75 on a held-out sample',
    4,
    'src/predict.ts (threshold and labels) and src/registry.ts (the model that loads)',
    async () => {
      const res = await call('POST', '/predict', { instances: heldOut.rows.map((r) => ({ text: r.text })) });
      expectStatus(res, 200, `POST /predict with ${heldOut.rows.length} held-out messages`);
      const labels = (res.body['predictions'] as { prediction?: unknown }[]).map((p) => p.prediction);
      const right = labels.filter((l, i) => l === heldOut.rows[i]?.label).length;
      const spam = heldOut.rows.filter((r) => r.label === 'spam');
      const caught = heldOut.rows.filter((r, i) => r.label === 'spam' && labels[i] === 'spam').length;
      const accuracy = right / labels.length;
      const recall = caught / spam.length;
      if (accuracy < 0.9 || recall < 0.75) {
        throw new Error(
          `expected accuracy ≥ 0.90 and recall ≥ 0.75 with ${(await servedModel()).source} (the reference reaches accuracy ${heldOut.reference_accuracy}), got accuracy ${accuracy.toFixed(3)}, recall ${recall.toFixed(3)}`,
        );
      }
    },
  );
  check(
    'invariance: surrounding whitespace does not change the probability',
    2,
    'src/predict.ts: score the text as the model got it',
    async () => {
      const text = parity.texts[3] as string;
      const [a, b] = await probabilities([text, `  \n${text}\n\t `]);
      if (Math.abs((a as number) - (b as number)) > 1e-6)
        throw new Error(`expected the same probability with and without surrounding whitespace, got ${a} and ${b}`);
    },
  );
  check(
    'direction: adding a spammy phrase raises the probability',
    2,
    'src/predict.ts and src/registry.ts: the probability must be P(spam), not P(ham)',
    async () => {
      const [plain, spammy] = await probabilities([
        SPAMMY,
        `${SPAMMY} FREE money!!! Click here to claim your cash prize now, limited offer`,
      ]);
      if (!((spammy as number) > (plain as number))) throw new Error(`expected P(spam) to rise, got ${plain} → ${spammy}`);
    },
  );
  check(
    'GET /models/current shows complete artifact metadata',
    2,
    'src/registry.ts: toLoadedModel() copies threshold and metadata',
    async () => {
      const res = await call('GET', '/models/current');
      expectStatus(res, 200, 'GET /models/current');
      expectEqual(res.body['threshold'], (await servedModel()).threshold, '"threshold" (the artifact\'s own)');
      if (typeof res.body['created_at'] !== 'string')
        throw new Error(`"created_at": expected the artifact's timestamp, got ${JSON.stringify(res.body['created_at'])}`);
      const test = (res.body['metrics'] as { test?: Record<string, unknown> } | null)?.test;
      for (const m of ['accuracy', 'precision', 'recall', 'f1']) {
        if (typeof test?.[m] !== 'number')
          throw new Error(`"metrics.test.${m}": expected a number from metadata.json, got ${JSON.stringify(test?.[m])}`);
      }
    },
  );
});
