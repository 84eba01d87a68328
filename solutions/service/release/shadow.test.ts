import assert from 'node:assert/strict';
import type { Prediction } from '../../../server-template/src/contracts';
import { compareWithStable, createShadowPath, type ShadowCandidate, type ShadowComparison } from '../../lab-07-roll-out-safely/src/shadow';

const spam = (probability: number): Prediction => ({ prediction: 'spam', probability });
const ham = (probability: number): Prediction => ({ prediction: 'ham', probability });

/** A listener that remembers what it was told. */
function recorder() {
  const seen = { compared: [] as ShadowComparison[], dropped: 0, failed: [] as unknown[] };
  return {
    seen,
    listener: {
      compared: (c: ShadowComparison) => void seen.compared.push(c),
      dropped: () => void seen.dropped++,
      failed: (e: unknown) => void seen.failed.push(e),
    },
  };
}

const constant = (p: number, threshold = 0.5): ShadowCandidate => ({ threshold, predictProba: (texts) => texts.map(() => p) });

describe('release/shadow', () => {
  describe('compareWithStable', () => {
    it('counts agreement at the candidate’s own threshold and the absolute score differences', () => {
      // At the candidate's 0.65: 0.7 is spam (agrees), 0.6 is ham (agrees), 0.7 is spam where stable said ham.
      const c = compareWithStable([spam(0.9), ham(0.2), ham(0.4)], [0.7, 0.6, 0.7], 0.65);
      assert.equal(c.agree, 2);
      assert.equal(c.disagree, 1);
      assert.deepEqual(
        c.differences.map((d) => d.toFixed(2)),
        ['0.20', '0.40', '0.30'],
      );
    });
    it('throws when the candidate answers the wrong number of texts', () => {
      assert.throws(() => compareWithStable([spam(0.9)], [0.9, 0.1], 0.5), /2 probabilities for 1 texts/);
    });
  });

  describe('createShadowPath', () => {
    it('scores nothing inside submit: the copy waits for a later turn of the event loop', async () => {
      const { seen, listener } = recorder();
      let calls = 0;
      const path = createShadowPath({
        candidate: { threshold: 0.5, predictProba: (t) => (calls++, t.map(() => 0.9)) },
        limit: 10,
        listener,
      });
      path.submit({ texts: ['a'], stable: [spam(0.8)] });
      assert.equal(calls, 0, 'the candidate ran inside submit');
      assert.equal(path.pending(), 1);
      await path.idle();
      assert.equal(calls, 1);
      assert.equal(seen.compared.length, 1);
      assert.equal(seen.compared[0]?.agree, 1);
      assert.ok(Math.abs((seen.compared[0]?.differences[0] ?? 0) - 0.1) < 1e-12);
    });

    it('drops and counts copies past the limit, scoring the rest', async () => {
      const { seen, listener } = recorder();
      const path = createShadowPath({ candidate: constant(0.1), limit: 3, listener });
      for (let i = 0; i < 5; i++) path.submit({ texts: [`t${i}`], stable: [ham(0.1)] });
      assert.equal(seen.dropped, 2);
      await path.idle();
      assert.equal(seen.compared.length, 3);
    });

    it('catches a candidate that throws, reports it, and goes on with the next copy', async () => {
      const { seen, listener } = recorder();
      const candidate: ShadowCandidate = {
        threshold: 0.5,
        predictProba: (texts) => {
          if (texts[0] === 'boom') throw new Error('candidate exploded');
          return texts.map(() => 0.2);
        },
      };
      const path = createShadowPath({ candidate, limit: 10, listener });
      path.submit({ texts: ['boom'], stable: [ham(0.1)] });
      path.submit({ texts: ['fine'], stable: [ham(0.1)] });
      await path.idle();
      assert.equal(seen.failed.length, 1);
      assert.match(String(seen.failed[0]), /candidate exploded/);
      assert.equal(seen.compared.length, 1);
    });

    it('reports a wrong number of probabilities as a failure, not a comparison', async () => {
      const { seen, listener } = recorder();
      const path = createShadowPath({ candidate: { threshold: 0.5, predictProba: () => [] }, limit: 10, listener });
      path.submit({ texts: ['a'], stable: [ham(0.1)] });
      await path.idle();
      assert.equal(seen.failed.length, 1);
      assert.equal(seen.compared.length, 0);
    });

    it('scores one copy per turn, so other work runs between copies', async () => {
      const order: string[] = [];
      const path = createShadowPath({
        candidate: { threshold: 0.5, predictProba: (t) => (order.push(`score ${t[0]}`), [0.5]) },
        limit: 10,
        listener: recorder().listener,
      });
      path.submit({ texts: ['1'], stable: [spam(0.5)] });
      path.submit({ texts: ['2'], stable: [spam(0.5)] });
      setImmediate(() => order.push('other work'));
      await path.idle();
      assert.deepEqual(order, ['score 1', 'other work', 'score 2']);
    });

    it('stop drops what waits (counted) and takes no more', async () => {
      const { seen, listener } = recorder();
      const path = createShadowPath({ candidate: constant(0.9), limit: 10, listener });
      path.submit({ texts: ['a'], stable: [spam(0.9)] });
      path.submit({ texts: ['b'], stable: [spam(0.9)] });
      path.stop();
      await path.idle();
      path.submit({ texts: ['c'], stable: [spam(0.9)] });
      await new Promise((r) => setImmediate(r));
      assert.equal(seen.compared.length, 0);
      assert.equal(seen.dropped, 3);
    });
  });
});
