import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { postJson } from '../../server-template/src/testing';
import { MIN_DRIFT_ROWS } from '../lab-04-monitor/src/drift';
import { FIXTURE_TRAINING_TEXTS } from './fixture-artifact';
import { startFixtureService } from './testing';

describe('reference service: monitoring', () => {
  it('logs every prediction to SQLite, reports drift with a gauge and observes each probability', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spam-log-'));
    const file = path.join(dir, 'predictions.sqlite');
    const s = await startFixtureService({ PREDICTION_LOG: file, MAX_BATCH: '50' });
    try {
      const early = await fetch(`${s.url}/monitoring/drift`);
      assert.equal(early.status, 409, 'too few predictions for a drift report');

      // One-line messages, far shorter and more uniform than the fixture's training mail: drift.
      const texts = Array.from({ length: MIN_DRIFT_ROWS + 5 }, (_, i) =>
        i % 2 ? `FREE MONEY ${i}!!! click http://x.example` : `Meeting ${i} moved to Friday.`,
      );
      for (const text of texts.slice(0, 5)) assert.equal((await postJson(`${s.url}/predict`, { text })).status, 200);
      assert.equal((await postJson(`${s.url}/predict`, { instances: texts.slice(5).map((text) => ({ text })) })).status, 200);

      const res = await fetch(`${s.url}/monitoring/drift`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        score: number;
        window: number;
        model: unknown;
        report: { columns: Record<string, unknown>; dataset_drift: boolean };
      };
      assert.equal(body.window, texts.length);
      assert.ok(body.score >= 0.5, `score ${body.score}`);
      assert.deepEqual(body.model, { name: 'spam', version: '1.0.0' });
      assert.ok('length' in body.report.columns && 'probability' in body.report.columns);
      assert.equal(body.report.dataset_drift, true);

      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      assert.match(metrics, new RegExp(`^model_drift_score ${body.score}$`, 'm'));
      // Lab 04's own histogram, one observation per prediction, labelled with the answering version.
      assert.match(metrics, new RegExp(`^prediction_probability_count\\{model_version="1\\.0\\.0"\\} ${texts.length}$`, 'm'));
    } finally {
      await s.dispose();
    }
    // After a graceful close every row is on disk, without the texts themselves.
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT model_version, prediction, probability, features FROM predictions').all() as Array<{
        model_version: string;
        prediction: string;
        probability: number;
        features: string;
      }>;
      assert.equal(rows.length, MIN_DRIFT_ROWS + 5);
      assert.ok(rows.every((r) => r.model_version === '1.0.0' && (r.prediction === 'spam' || r.prediction === 'ham')));
      assert.equal(typeof (JSON.parse(rows[0].features) as { length: number }).length, 'number');
      assert.doesNotMatch(rows.map((r) => r.features).join(), /Meeting|FREE/);
      assert.equal((db.pragma('journal_mode', { simple: true }) as string).toLowerCase(), 'wal');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports no drift, and a zero gauge, for traffic drawn like the reference (the training mail, twice)', async () => {
    const s = await startFixtureService({ MAX_BATCH: '50' });
    try {
      const texts = [...FIXTURE_TRAINING_TEXTS, ...FIXTURE_TRAINING_TEXTS];
      assert.ok(texts.length >= MIN_DRIFT_ROWS);
      assert.equal((await postJson(`${s.url}/predict`, { instances: texts.map((text) => ({ text })) })).status, 200);
      const body = (await (await fetch(`${s.url}/monitoring/drift`)).json()) as { score: number; report: { dataset_drift: boolean } };
      assert.deepEqual({ score: body.score, dataset_drift: body.report.dataset_drift }, { score: 0, dataset_drift: false });
      assert.match(await (await fetch(`${s.url}/metrics`)).text(), /^model_drift_score 0$/m);
    } finally {
      await s.dispose();
    }
  });
});
