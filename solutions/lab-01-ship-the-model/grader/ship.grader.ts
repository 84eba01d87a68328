/** Public checks for lab 01: run them with `npm run check -- lab-01`. */
import { check, expectEqual, expectStatus, note, submission } from '../../../grading/harness';
import { call, probabilities } from './http';
import { servedModel } from './served';
import parity from './fixtures/parity.json';

const PREDICT = 'src/predict.ts';
const REGISTRY = 'src/registry.ts';
const REQUEST = 'src/request.ts';
const fn = (file: string, name: string, ...args: unknown[]): Promise<unknown> => submission().call(file, name, args);

describe('lab-01 public checks', () => {
  check('toPrediction: spam at or above the threshold, the probability unchanged', 2, `${PREDICT}: toPrediction()`, async () => {
    expectEqual(await fn(PREDICT, 'toPrediction', 0.5, 0.5), { prediction: 'spam', probability: 0.5 }, 'toPrediction(0.5, 0.5)');
    expectEqual(await fn(PREDICT, 'toPrediction', 0.49, 0.5), { prediction: 'ham', probability: 0.49 }, 'toPrediction(0.49, 0.5)');
  });
  check('compareVersions orders 1.10.0 after 1.9.0', 1, `${REGISTRY}: compareVersions()`, async () => {
    const d = (await fn(REGISTRY, 'compareVersions', '1.10.0', '1.9.0')) as number;
    if (!(d > 0)) throw new Error(`compareVersions("1.10.0", "1.9.0"): expected a positive number, got ${d}`);
    const e = (await fn(REGISTRY, 'compareVersions', '2.0.0', '2.0.0')) as number;
    expectEqual(e, 0, 'compareVersions("2.0.0", "2.0.0")');
  });
  check('parsePredictBody reads {"text"} and {"instances"}', 2, `${REQUEST}: parsePredictBody()`, async () => {
    expectEqual(await fn(REQUEST, 'parsePredictBody', { text: 'hi' }), { kind: 'single', texts: ['hi'] }, 'parsePredictBody({text: "hi"})');
    expectEqual(
      await fn(REQUEST, 'parsePredictBody', { instances: [{ text: 'a' }, { text: 'b' }] }),
      { kind: 'batch', texts: ['a', 'b'] },
      'a batch of two',
    );
  });
  check(
    'the app starts and serves your model from notebook 04, or the reference (GET /health/ready)',
    2,
    `${REGISTRY}: DiskModelRegistry.load() and current(); your export goes in models/spam/<version>/`,
    async () => {
      const served = await servedModel();
      const res = await call('GET', '/health/ready');
      expectStatus(res, 200, 'GET /health/ready');
      expectEqual(res.body['model'], { name: 'spam', version: served.version }, 'the model that answers');
      note(`served ${served.source}`);
    },
    // The first check that starts the app waits for it to load the model.
  ).timeout(60_000);
  check('POST /predict {"text"} answers prediction, probability and model', 3, `${PREDICT}: predictTexts(); ${REQUEST}`, async () => {
    const res = await call('POST', '/predict', { text: 'FREE money!!! Click here to claim your prize now' });
    expectStatus(res, 200, 'POST /predict {"text": …}');
    const { prediction, probability } = res.body;
    if (prediction !== 'spam' && prediction !== 'ham')
      throw new Error(`"prediction": expected "spam" or "ham", got ${JSON.stringify(prediction)}`);
    if (typeof probability !== 'number' || probability < 0 || probability > 1)
      throw new Error(`"probability": expected a number in [0, 1], got ${JSON.stringify(probability)}`);
    const { threshold } = await servedModel();
    expectEqual(
      prediction,
      probability >= threshold ? 'spam' : 'ham',
      `"prediction" for probability ${probability} at threshold ${threshold}`,
    );
  });
  check(
    'POST /predict {"instances"} answers one prediction per text, in order',
    3,
    `${PREDICT}: predictTexts() keeps the order`,
    async () => {
      const texts = parity.texts.slice(0, 4);
      const batch = await probabilities(texts);
      const single = await probabilities([texts[2] as string]);
      if (Math.abs((batch[2] as number) - (single[0] as number)) > 1e-9) {
        throw new Error(`instances[2] alone gives ${single[0]}, in a batch ${batch[2]}: the batch is out of order or mixed up`);
      }
    },
  );
  check(
    'parity with the notebook: |Δp| < 1e-6 on the fixture texts',
    4,
    `${REGISTRY}: toLoadedModel() must call the artifact's own predictProba`,
    async () => {
      const served = await servedModel();
      const got = await probabilities(parity.texts);
      got.forEach((p, i) => {
        const want = served.parityProbabilities[i] as number;
        if (!(Math.abs(p - want) < 1e-6)) {
          throw new Error(
            `text #${i} ${JSON.stringify((parity.texts[i] as string).slice(0, 60))}: expected probability ${want} (the notebook's, with ${served.source}), got ${p}`,
          );
        }
      });
    },
  );
  check(
    'a body without "text" or "instances" is a 400, not a crash',
    2,
    `${REQUEST}: throw HttpError(400, …) for any other shape`,
    async () => {
      for (const body of [{ txt: 'hi' }, { instances: 'hi' }, [1, 2]]) {
        const res = await call('POST', '/predict', body);
        expectStatus(res, 400, `POST /predict ${JSON.stringify(body)}`);
      }
    },
  );
});
