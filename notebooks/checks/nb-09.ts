/**
 * Checks for the exercises of lesson 09 (Versioning and retraining). The checker cells of the
 * lesson run them: `grader.check('nb-09.1', promotionGate)`. Each gives your function a case
 * worked out by hand and says what the gate, or the registry, should answer.
 */
import { satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';

/** A paired-bootstrap interval of a gain, new − old: the whole holdout's value and its 95 % bounds. */
export interface Gain {
  estimate: number;
  low: number;
  high: number;
}
/** The part of a metrics report the gate reads. */
export interface Scores {
  recall: number;
  precision: number;
}
export interface GateResult {
  promote: boolean;
  reasons: string[];
}
export type PromotionGate = (recallGain: Gain, oldR: Scores, newR: Scores) => GateResult;
export type LatestOf = (versions: string[]) => string | null;

type G = { promotionGate: PromotionGate };
/** A gate case: what it should decide, and whether a refusal gives a reason. */
export function decides(name: string, gain: Gain, oldR: Scores, newR: Scores, promote: boolean, hint: string) {
  return satisfies<G, GateResult>(name, {
    got: (f) => f.promotionGate(gain, oldR, newR),
    test: (r) => !!r && r.promote === promote && Array.isArray(r.reasons) && (promote ? r.reasons.length === 0 : r.reasons.length > 0),
    expected: promote ? 'promote: true with no reasons' : 'promote: false with at least one reason',
    show: (r) => JSON.stringify(r),
    hint,
  });
}

const OLD: Scores = { recall: 0.958, precision: 1 };
const gateChecks: ExerciseChecks<G> = {
  id: 'nb-09.1',
  section: 'The promotion gate',
  uses: ['promotionGate'],
  checks: [
    decides(
      'a gain whose whole interval is above 0, precision kept: promote',
      { estimate: 0.024, low: 0.007, high: 0.044 },
      OLD,
      { recall: 0.982, precision: 1 },
      true,
      'promote when the lower bound of the recall gain is above 0 and precision did not fall',
    ),
    decides(
      'a recall gain on the whole holdout whose interval reaches below 0: keep the old version',
      { estimate: 0.01, low: -0.004, high: 0.025 },
      OLD,
      { recall: 0.968, precision: 1 },
      false,
      'a higher recall on this holdout is not enough: look at recallGain.low, not recallGain.estimate',
    ),
    decides(
      'a copy of the old version (every resampled gain 0): keep it',
      { estimate: 0, low: 0, high: 0 },
      OLD,
      OLD,
      false,
      'the lower bound must be strictly above 0: no gain, no promotion',
    ),
    decides(
      'recall bought with precision: keep the old version',
      { estimate: 0.03, low: 0.01, high: 0.05 },
      OLD,
      { recall: 0.988, precision: 0.93 },
      false,
      'refuse when the new precision is below the old one, whatever recall did',
    ),
  ],
};

type L = { latestOf: LatestOf };
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
export function picks(name: string, versions: string[], want: string | null, hint: string) {
  return satisfies<L, string | null>(name, {
    got: (f) => f.latestOf(versions.slice()),
    test: (v) => v === want,
    expected: show(want),
    show,
    hint,
  });
}

const latestChecks: ExerciseChecks<L> = {
  id: 'nb-09.2',
  section: 'Save v2 as a new version',
  uses: ['latestOf'],
  checks: [
    picks("the lesson's folder: 1.0.0 and 1.1.0", ['1.0.0', '1.1.0'], '1.1.0', 'compare MAJOR, then MINOR, then PATCH'),
    picks(
      '1.10.0 is newer than 1.9.0',
      ['1.9.0', '1.10.0', '1.2.3'],
      '1.10.0',
      'compare the parts as numbers (10 > 9), not as text ("1.10" < "1.9")',
    ),
    picks(
      'folders that are not versions are ignored',
      ['latest', '2.0.0-rc1', '1.4.2', 'notes.txt'],
      '1.4.2',
      'keep only names matching /^\\d+\\.\\d+\\.\\d+$/',
    ),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [gateChecks, latestChecks];

export const grader = createGrader('notebooks/checks/nb-09.ts', exercises);
