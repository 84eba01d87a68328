/**
 * Hidden checks for lesson 09's exercises: other inputs than the lesson's, and the edges (a
 * lower bound a hair above or exactly at 0, precision equal; no versions at all, leading zeros,
 * a version listed twice).
 */
import { satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { decides, picks, type GateResult, type LatestOf, type PromotionGate } from '../../../notebooks/checks/nb-09';

type G = { promotionGate: PromotionGate };
const OLD = { recall: 0.9, precision: 0.97 };
const gateChecks: ExerciseChecks<G> = {
  id: 'nb-09.1',
  section: 'The promotion gate',
  uses: ['promotionGate'],
  checks: [
    decides(
      'a lower bound just above 0, precision equal: promote',
      { estimate: 0.02, low: 1e-9, high: 0.04 },
      OLD,
      { recall: 0.92, precision: 0.97 },
      true,
      'equal precision is not a loss; any lower bound above 0 passes',
    ),
    decides(
      'a lower bound exactly 0: keep',
      { estimate: 0.02, low: 0, high: 0.04 },
      OLD,
      { recall: 0.92, precision: 0.99 },
      false,
      'promote only when recallGain.low > 0, not ≥ 0',
    ),
    decides(
      'a recall loss: keep',
      { estimate: -0.03, low: -0.05, high: -0.01 },
      OLD,
      { recall: 0.87, precision: 0.99 },
      false,
      'a gain below 0 is a loss',
    ),
    decides(
      'recall down and precision down: keep, for both reasons',
      { estimate: -0.03, low: -0.05, high: -0.01 },
      OLD,
      { recall: 0.87, precision: 0.9 },
      false,
      'give a reason for each condition that fails',
    ),
    satisfies<G, GateResult>('two failed conditions give two reasons', {
      got: (f) => f.promotionGate({ estimate: -0.03, low: -0.05, high: -0.01 }, OLD, { recall: 0.87, precision: 0.9 }),
      test: (r) =>
        !!r && Array.isArray(r.reasons) && r.reasons.length >= 2 && r.reasons.every((x) => typeof x === 'string' && x.length > 0),
      expected: 'at least two non-empty reasons',
      show: (r) => JSON.stringify(r),
      hint: 'check both conditions and push one reason for each that fails',
    }),
  ],
};

type L = { latestOf: LatestOf };
const latestChecks: ExerciseChecks<L> = {
  id: 'nb-09.2',
  section: 'Save v2 as a new version',
  uses: ['latestOf'],
  checks: [
    picks('no versions: null', [], null, 'return null when no name is a version'),
    picks('only names that are not versions: null', ['latest', 'v1.0.0', '1.0'], null, 'a version is exactly three numbers joined by dots'),
    picks('major beats minor and patch', ['1.99.99', '2.0.0', '0.100.0'], '2.0.0', 'compare the MAJOR numbers first'),
    picks('patch decides when major and minor agree', ['3.1.9', '3.1.10', '3.1.2'], '3.1.10', 'compare PATCH as a number too'),
    picks(
      'leading zeros are not semantic versions',
      ['1.0.0', '01.0.0'],
      '1.0.0',
      'semantic versions write numbers without leading zeros: /^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$/',
    ),
    picks('a version listed twice', ['0.1.0', '0.2.0', '0.2.0'], '0.2.0', 'ties are fine: return the version itself'),
    satisfies<L, boolean>('leaves its input unchanged', {
      got: (f) => {
        const versions = ['1.10.0', '1.2.0', 'latest'];
        f.latestOf(versions);
        return versions.join() === '1.10.0,1.2.0,latest';
      },
      test: (same) => same,
      expected: 'the list in its original order',
      show: (same) => (same ? 'input unchanged' : 'the list was sorted or changed in place'),
      hint: 'filter or copy before sorting: sort() reorders the array it is called on',
    }),
  ],
};

export const exercises = [gateChecks, latestChecks];
