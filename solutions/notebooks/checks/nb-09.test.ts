/**
 * Lesson 09's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import { compareVersions, isVersion } from '../../../mlkit/artifact/index';
import * as shown from '../../../notebooks/checks/nb-09';
import type { LatestOf, PromotionGate } from '../../../notebooks/checks/nb-09';
import * as hidden from './nb-09';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type GateMistake = 'none' | 'point-estimate' | 'at-least-zero' | 'ignores-precision' | 'first-reason-only' | 'high-bound';

/** The answer, with switches for common mistakes. */
function promotionGate(mistake: GateMistake = 'none'): PromotionGate {
  return (gain, oldR, newR) => {
    const reasons: string[] = [];
    const bound = mistake === 'point-estimate' ? gain.estimate : mistake === 'high-bound' ? gain.high : gain.low;
    const up = mistake === 'at-least-zero' ? bound >= 0 : bound > 0;
    if (!up) reasons.push(`recall gain's lower bound ${gain.low} is not above 0`);
    if (mistake !== 'ignores-precision' && newR.precision < oldR.precision && !(mistake === 'first-reason-only' && reasons.length > 0)) {
      reasons.push(`precision fell from ${oldR.precision} to ${newR.precision}`);
    }
    return { promote: reasons.length === 0, reasons };
  };
}

type LatestMistake = 'none' | 'text-order' | 'no-filter' | 'undefined-when-empty' | 'in-place' | 'loose-pattern' | 'parse-float';

function latestOf(mistake: LatestMistake = 'none'): LatestOf {
  return (versions) => {
    const pattern = mistake === 'loose-pattern' ? /^\d+\.\d+\.\d+$/ : /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
    const order = (a: string, b: string): number => {
      if (mistake === 'text-order') return a < b ? -1 : a > b ? 1 : 0;
      if (mistake === 'parse-float') return parseFloat(a) - parseFloat(b);
      const pa = a.split('.').map(Number),
        pb = b.split('.').map(Number);
      for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
      return 0;
    };
    // The in-place mistake sorts the caller's array before filtering it.
    const candidates = mistake === 'in-place' ? versions.sort(order) : versions;
    const sorted = (mistake === 'no-filter' ? candidates.slice() : candidates.filter((v) => pattern.test(v))).sort(order);
    if (sorted.length === 0) return mistake === 'undefined-when-empty' ? (undefined as unknown as null) : null;
    return sorted[sorted.length - 1]!;
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 09 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-09.1', { promotionGate: promotionGate() }), []);
    assert.deepEqual(failures('nb-09.2', { latestOf: latestOf() }), []);
  });

  it("the answer orders versions as the toolkit's registry does", () => {
    const names = ['1.0.0', '1.10.0', '1.9.3', '0.0.1', '10.0.0', '2.0.0', 'latest', '01.2.3'];
    const toolkit = names.filter(isVersion).sort(compareVersions);
    assert.equal(latestOf()(names), toolkit[toolkit.length - 1]);
  });

  for (const mistake of ['point-estimate', 'at-least-zero', 'ignores-precision', 'first-reason-only', 'high-bound'] as const) {
    it(`nb-09.1 catches a gate with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-09.1', { promotionGate: promotionGate(mistake) }).length > 0);
    });
  }

  for (const mistake of ['text-order', 'no-filter', 'undefined-when-empty', 'in-place', 'loose-pattern', 'parse-float'] as const) {
    it(`nb-09.2 catches a latest version with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-09.2', { latestOf: latestOf(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch the gate that reads the point estimate, the one the lesson used to teach', () => {
    assert.ok(failures('nb-09.1', { promotionGate: promotionGate('point-estimate') }, shown.exercises).length > 0);
    assert.ok(failures('nb-09.2', { latestOf: latestOf('text-order') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    assertStubFailsEveryCheck(failures, 'nb-09.1', 'promotionGate', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
  });
});
