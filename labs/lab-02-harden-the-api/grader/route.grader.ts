/**
 * Public check that lab 02's service is lab 01's route with your validator plugged in: graded on
 * your labs folder (`npm run check -- lab-02` in `labs/`), the route and the model are your own
 * lab 01's where you wrote them, the reference's where you did not; the note says which ran.
 */
import { check, excerpt, note, submission } from '../../../grading/harness';
import { describeEarlierParts, whoseLabFile } from '../../../grading/lib/learner-labs';
import { call, expectError, VALIDATE } from './http';

const LAB_01 = 'lab-01-ship-the-model';

/** Which lab 01 route and model answered, in words. */
function ranWhat(version: string): string {
  const staged = submission().stagedLabsDir;
  const route = describeEarlierParts(staged, [{ lab: LAB_01, rel: 'src/app.ts', what: 'lab 01 route' }]);
  // A version is a folder name; anything else cannot be a folder of theirs.
  const own =
    /^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version) && whoseLabFile(staged, LAB_01, `models/spam/${version}/metadata.json`) === 'yours';
  const model = own ? `your own model, models/spam/${version} in your lab 01 folder` : `the reference model models/spam/${version}`;
  return `ran ${route} with your validator, serving ${model}`;
}

describe('lab-02 public checks: your validator in lab 01’s route', () => {
  check(
    "POST /predict is lab 01's route with your validator: a good text gets the serving model's answer, a bad one your 400 with its details",
    1,
    `${VALIDATE}: validatePredict(); ${LAB_01}/src/app.ts: handlePredict() reads the body with parts.validator and lets its HttpError through`,
    async () => {
      const ready = await call('GET', '/health/ready');
      const model = ready.body['model'] as { version?: unknown } | undefined;
      if (ready.status !== 200 || typeof model?.version !== 'string')
        throw new Error(`GET /health/ready: expected 200 with the model's version, got ${ready.status} ${excerpt(ready)}`);
      note(ranWhat(model.version));
      const good = await call('POST', '/predict', { text: 'Meeting moved to 3pm.' });
      if (good.status !== 200 || JSON.stringify(good.body['model']) !== JSON.stringify(ready.body['model']))
        throw new Error(
          `POST /predict {"text": …}: expected 200 naming the model ${JSON.stringify(ready.body['model'])}, got ${good.status} ${excerpt(good)}`,
        );
      const bad = await call('POST', '/predict', { text: 42 });
      expectError(bad, 'POST /predict {"text": 42}', 400, 'invalid_request', ['text']);
    },
  );
});
