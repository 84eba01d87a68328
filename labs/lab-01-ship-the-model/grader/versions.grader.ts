/**
 * Public checks for lab 01 over models folders of the checks' own: several versions (1.9.0 and
 * 1.10.0 among them) and clutter, where only a registry that compares numbers and lists version
 * folders alone picks the right model, and only a route that reads the answering model names it.
 */
import { check, excerpt, expectEqual, expectStatus, requestJson } from '../../../grading/harness';
import { CLUTTERED, CLUTTERED_VERSIONS, THREE, appOver } from './versions';

/** Writing a models folder and loading a model from it take seconds on a busy grading machine. */
const CHECK_MS = 60_000;

const REGISTRY = 'src/registry.ts';

/** A message and its batch neighbours; the single answer must match its batch answer exactly. */
const TEXT = 'Re: the build script\n\nLooks good to me, merging it tomorrow.';
const OTHERS = ['FREE money!!! Click here to claim your prize now', 'lunch?'];

describe('lab-01 public checks: several versions on disk', () => {
  check(
    'with 1.0.0, 1.2.0, 1.9.0, 1.10.0 and clutter on disk: serves 1.10.0, GET /models lists only the versions, oldest first',
    2,
    `${REGISTRY}: listVersions() keeps directories named like a version and sorts with compareVersions; load() takes the last`,
    async () => {
      const socket = await appOver('cluttered', CLUTTERED);
      const ready = await requestJson(socket, 'GET', '/health/ready');
      expectStatus(ready, 200, 'GET /health/ready');
      expectEqual(ready.body['model'], { name: 'spam', version: '1.10.0' }, 'the model that answers (the newest version)');
      const list = await requestJson(socket, 'GET', '/models');
      expectStatus(list, 200, 'GET /models');
      expectEqual(
        list.body['versions'],
        CLUTTERED_VERSIONS,
        `"versions" of a folder holding ${CLUTTERED.map((e) => `${e.name}${e.kind === 'file' ? ' (a file)' : e.kind === 'folder' ? ' (no model)' : ''}`).join(', ')}`,
      );
    },
  ).timeout(CHECK_MS);
  check(
    'POST /predict names the model that answered, and a text alone gets exactly its answer in a batch',
    3,
    'src/app.ts: handlePredict() reads name and version from models.current(), and answers both shapes from the same predictions',
    async () => {
      const socket = await appOver('three', THREE);
      const ready = await requestJson(socket, 'GET', '/health/ready');
      expectStatus(ready, 200, 'GET /health/ready');
      const answering = ready.body['model'];
      const single = await requestJson(socket, 'POST', '/predict', { text: TEXT });
      expectStatus(single, 200, 'POST /predict {"text": …}');
      expectEqual(single.body['model'], answering, `"model" of a single answer (GET /health/ready says ${JSON.stringify(answering)})`);
      const batch = await requestJson(socket, 'POST', '/predict', { instances: [OTHERS[0], TEXT, OTHERS[1]].map((text) => ({ text })) });
      expectStatus(batch, 200, 'POST /predict {"instances": […3]}');
      expectEqual(batch.body['model'], answering, `"model" of a batch answer (GET /health/ready says ${JSON.stringify(answering)})`);
      const inBatch = (batch.body['predictions'] as unknown[] | undefined)?.[1] as
        | { prediction?: unknown; probability?: unknown }
        | undefined;
      if (!inBatch) throw new Error(`expected "predictions" with 3 items, got ${excerpt(batch)}`);
      expectEqual(
        { prediction: single.body['prediction'], probability: single.body['probability'] },
        { prediction: inBatch.prediction, probability: inBatch.probability },
        'the text alone, and the same text as instances[1] of a batch (same model: the same prediction and probability, unrounded)',
      );
    },
  ).timeout(CHECK_MS);
});
