/**
 * Instructor checks for lab 02: what a valid request gets back, not only its status. Hardening
 * must not change the answers: a batch is answered text by text, in order, as the single
 * request for each text is, and a client's unusual but harmless field names are still input.
 */
import { check, excerpt, expectClose, expectEqual } from '../../../grading/harness';
import { call, expectDetails, VALIDATE } from '../grader/http';

type Answer = { prediction?: unknown; probability?: unknown; model?: unknown };

const SPAM = 'WIN a FREE prize!!! Click here now to claim your cash reward, limited offer';
const HAM = 'Meeting moved to 3pm tomorrow, see you in the usual room.';
const MIXED = 'Café at noon? 🍕 Ich bringe die Unterlagen mit.';

async function single(text: string): Promise<Answer> {
  const res = await call('POST', '/predict', { text });
  if (res.status !== 200)
    throw new Error(`POST /predict {"text": ${JSON.stringify(text)}}: expected 200, got ${res.status} ${excerpt(res)}`);
  return res.body as Answer;
}

async function batch(texts: string[]): Promise<{ predictions?: unknown; model?: unknown }> {
  const res = await call('POST', '/predict', { instances: texts.map((text) => ({ text })) });
  if (res.status !== 200) throw new Error(`POST /predict with ${texts.length} instances: expected 200, got ${res.status} ${excerpt(res)}`);
  return res.body as { predictions?: unknown; model?: unknown };
}

describe('lab-02 instructor checks: answers', () => {
  check(
    'a valid batch gets one prediction per instance, in order, repeats included, each as its single request answers it',
    1,
    `${VALIDATE}: parseBatch() returns every instance's text, unchanged and in order`,
    async () => {
      const texts = [SPAM, HAM, SPAM, MIXED];
      const singles = await Promise.all(texts.map(single));
      // Without two different answers, order would not be observable.
      if (singles[0]?.prediction === singles[1]?.prediction)
        throw new Error(`expected the spam and the ham text to be told apart, got ${JSON.stringify(singles.slice(0, 2))}`);
      const got = await batch(texts);
      const predictions = Array.isArray(got.predictions) ? (got.predictions as Answer[]) : [];
      if (predictions.length !== texts.length)
        throw new Error(
          `a batch of ${texts.length} instances (the first one twice): expected ${texts.length} predictions, got ${JSON.stringify(got)}`,
        );
      predictions.forEach((p, i) => {
        expectEqual(p.prediction, singles[i]?.prediction, `predictions[${i}].prediction (the single answer for instances[${i}])`);
        expectClose(p.probability, singles[i]?.probability as number, 1e-12, `predictions[${i}].probability`);
      });
      expectEqual(got.model, singles[0]?.model, 'the batch answer\'s "model"');
      const one = await batch([HAM]);
      if (!Array.isArray(one.predictions) || one.predictions.length !== 1)
        throw new Error(`a batch of one instance: expected {"predictions": [one answer], "model"}, got ${JSON.stringify(one)}`);
    },
  );
  check(
    'fields named like Object methods ("hasOwnProperty", "toString") are ordinary input: 200, or a 400 naming "text" — never a 500',
    1,
    `${VALIDATE}: ownField() — Object.hasOwn(obj, key), not obj.hasOwnProperty(key), which a client's own field replaces`,
    async () => {
      const withText = { text: HAM, hasOwnProperty: 'x', toString: 1 };
      const res = await call('POST', '/predict', withText);
      if (res.status !== 200 || typeof res.body['probability'] !== 'number')
        throw new Error(`POST /predict ${JSON.stringify(withText)}: expected 200 with a probability, got ${res.status} ${excerpt(res)}`);
      const inBatch = { instances: [{ text: HAM, hasOwnProperty: 1 }] };
      const batchRes = await call('POST', '/predict', inBatch);
      if (batchRes.status !== 200)
        throw new Error(`POST /predict ${JSON.stringify(inBatch)}: expected 200, got ${batchRes.status} ${excerpt(batchRes)}`);
      const noText = { hasOwnProperty: 'x' };
      expectDetails(await call('POST', '/predict', noText), `POST /predict ${JSON.stringify(noText)}`, 400, 'invalid_request', [
        { field: 'text', problem: 'is required' },
      ]);
    },
  );
});
