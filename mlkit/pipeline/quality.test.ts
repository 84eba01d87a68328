import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BUILD_DIR, ensureDatasets, readSpamSplit } from '../../datasets/read';
import { sha256 } from '../artifact/metadata';
import { trainAndEvaluate, type TrainingRun } from './evaluate';

interface PeerMetrics {
  data_sha256: Record<'train' | 'validation' | 'test', string>;
  test: { f1: number; roc_auc: number };
}
const peer = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'peer-metrics.json'), 'utf8')) as PeerMetrics;

describe('spam classifier quality on the period-1 test split (vs the scikit-learn peer)', function () {
  this.timeout(240_000);
  let run: TrainingRun;

  before(async () => {
    await ensureDatasets();
    for (const split of ['train', 'validation', 'test'] as const) {
      const actual = sha256(readFileSync(join(DEFAULT_BUILD_DIR, 'spam', `${split}.jsonl`)));
      assert.equal(
        actual,
        peer.data_sha256[split],
        `${split}.jsonl changed since fixtures/peer-metrics.json was made: rerun python3 bench/peer/peer_metrics.py`,
      );
    }
    run = trainAndEvaluate({ train: readSpamSplit('train'), validation: readSpamSplit('validation'), test: readSpamSplit('test') });
  });

  it(`reaches at least the peer's F1 (${peer.test.f1.toFixed(4)}) with the threshold chosen on validation`, () => {
    const ci = run.testF1;
    assert.ok(
      run.test.f1 >= peer.test.f1,
      `F1 ${run.test.f1.toFixed(4)} (95 % CI ${ci.low.toFixed(4)}–${ci.high.toFixed(4)}) < peer ${peer.test.f1.toFixed(4)}`,
    );
  });

  it(`reaches at least the peer's ROC-AUC (${peer.test.roc_auc.toFixed(5)})`, () => {
    assert.ok(run.test.roc_auc >= peer.test.roc_auc, `AUC ${run.test.roc_auc.toFixed(5)} < peer ${peer.test.roc_auc.toFixed(5)}`);
  });

  it('reports a bootstrap 95 % interval for test F1 that contains the estimate', () => {
    assert.ok(run.testF1.low <= run.test.f1 && run.test.f1 <= run.testF1.high, JSON.stringify(run.testF1));
  });
});
