/**
 * Lesson 02's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-02';
import type { ImputeMean, SharedBodies, TfidfByHand } from '../../../notebooks/checks/nb-02';
import * as hidden from './nb-02';
import { failuresIn } from './meta';

/** The answers, written independently of the references, with switches for common mistakes. */
function impute(mistake: 'none' | 'nulls-as-zero' | 'falsy' | 'zero-fill' | 'in-place' = 'none'): ImputeMean {
  return (values) => {
    const present = values.filter((v) => v !== null) as number[];
    const mean = present.reduce((a, b) => a + b, 0) / (mistake === 'nulls-as-zero' ? values.length : present.length);
    const fill = mistake === 'zero-fill' ? 0 : mean;
    if (mistake === 'in-place') {
      const column = values as (number | null)[];
      column.forEach((v, i) => (column[i] = v === null ? fill : v));
      return column as number[];
    }
    return values.map((v) => (mistake === 'falsy' ? v || fill : v === null ? fill : v));
  };
}

function tfidf(mistake: 'none' | 'no-smoothing' | 'no-plus-one' | 'no-norm' | 'presence' | 'nan-row' = 'none'): TfidfByHand {
  return (docs, vocab) => {
    const n = docs.length;
    const idf = vocab.map((t) => {
      const df = docs.filter((d) => d.includes(t)).length;
      if (mistake === 'no-smoothing') return Math.log(n / df) + 1;
      return Math.log((1 + n) / (1 + df)) + (mistake === 'no-plus-one' ? 0 : 1);
    });
    return docs.map((d) => {
      const row = vocab.map((t, j) => (mistake === 'presence' ? (d.includes(t) ? 1 : 0) : d.filter((w) => w === t).length) * idf[j]!);
      const length = Math.hypot(...row);
      if (mistake === 'no-norm') return row;
      return length === 0 && mistake !== 'nan-row' ? row : row.map((v) => v / length);
    });
  };
}

function sharing(mistake: 'none' | 'raw' | 'counts-rows' | 'within-split' | 'no-trim' | 'lower-case' = 'none'): SharedBodies {
  return (splits) => {
    const seenIn = new Map<string, string[]>();
    for (const [name, bodies] of Object.entries(splits)) {
      for (const body of bodies) {
        let key = mistake === 'raw' ? body : body.replace(/\s+/g, ' ');
        if (mistake !== 'raw' && mistake !== 'no-trim') key = key.trim();
        if (mistake === 'lower-case') key = key.toLowerCase();
        seenIn.set(key, [...(seenIn.get(key) ?? []), name]);
      }
    }
    const lists = [...seenIn.values()];
    if (mistake === 'counts-rows') return lists.reduce((s, names) => s + (new Set(names).size > 1 ? names.length - 1 : 0), 0);
    if (mistake === 'within-split') return lists.filter((names) => names.length > 1).length;
    return lists.filter((names) => new Set(names).size > 1).length;
  };
}

const stub = (): never => {
  throw new Error('nb-02.2: not implemented — a hint');
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 02 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-02.1', { imputeMean: impute() }), []);
    assert.deepEqual(failures('nb-02.2', { tfidfByHand: tfidf() }), []);
    assert.deepEqual(failures('nb-02.3', { sharedBodies: sharing() }), []);
  });

  for (const mistake of ['nulls-as-zero', 'falsy', 'zero-fill'] as const) {
    it(`nb-02.1 catches an imputation with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-02.1', { imputeMean: impute(mistake) }, [shown.exercises]).length > 0);
    });
  }
  it('nb-02.1 catches an imputation that writes into its input', () => {
    assert.ok(failures('nb-02.1', { imputeMean: impute('in-place') }).length > 0);
  });

  for (const mistake of ['no-smoothing', 'no-plus-one', 'no-norm', 'presence', 'nan-row'] as const) {
    it(`nb-02.2 catches TF-IDF with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-02.2', { tfidfByHand: tfidf(mistake) }, [shown.exercises]).length > 0);
    });
  }

  for (const mistake of ['raw', 'counts-rows', 'within-split', 'no-trim', 'lower-case'] as const) {
    it(`nb-02.3 catches a count of shared bodies with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-02.3', { sharedBodies: sharing(mistake) }).length > 0);
    });
  }

  it("the lesson's real splits share no body, so the copied one is the only one", () => {
    assert.equal(sharing()(shown.lessonBodies()), 0);
  });

  it('a stub fails every check with its own hint', () => {
    const lines = failures('nb-02.2', { tfidfByHand: stub });
    assert.equal(lines.length, shown.exercises[1]!.checks.length + hidden.exercises[1]!.checks.length);
    for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
  });
});
