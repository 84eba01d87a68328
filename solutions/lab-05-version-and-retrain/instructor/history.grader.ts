/** Instructor checks for lab 05's rollback history: what every admin answer says, and the default bound. */
import { expectEqual, expectStatus } from '../../../grading/harness';
import { admin, appCheck, appSocket, reloadExpect, VERSIONING } from '../grader/http';

const spam = (version: string): { name: string; version: string } => ({ name: 'spam', version });

describe('lab-05 instructor checks: rollback history', () => {
  appCheck(
    'every admin answer names both versions: {previous, current} of two reloads and two rollbacks',
    1,
    `${VERSIONING}: swapIn() and swapBack() — previous is the model that answered before, current the one answering now`,
    async () => {
      const socket = await appSocket('answers', { gate: false });
      const first = await reloadExpect(socket, '1.1.0', 200);
      expectEqual(first.body, { previous: spam('1.0.0'), current: spam('1.1.0') }, 'the answer of reload 1.1.0');
      const second = await reloadExpect(socket, '1.2.0', 200, undefined, 'no gate in this app');
      expectEqual(second.body, { previous: spam('1.1.0'), current: spam('1.2.0') }, 'the answer of reload 1.2.0');
      for (const [from, to] of [
        ['1.2.0', '1.1.0'],
        ['1.1.0', '1.0.0'],
      ] as const) {
        const res = await admin(socket, 'rollback');
        expectStatus(res, 200, `POST /admin/rollback from ${from}`);
        expectEqual(res.body, { previous: spam(from), current: spam(to) }, `the answer of the rollback from ${from}`);
      }
    },
  );
  appCheck(
    'without `keep`, the history holds the 3 most recent models: four swaps, three rollbacks, then 409',
    1,
    `${VERSIONING}: swapIn() — keep defaults to 3`,
    async () => {
      const socket = await appSocket('keep-default', { gate: false });
      for (const version of ['1.1.0', '1.2.0', '1.0.0', '1.1.0'])
        await reloadExpect(socket, version, 200, undefined, 'no gate in this app');
      for (const version of ['1.0.0', '1.2.0', '1.1.0']) {
        const res = await admin(socket, 'rollback');
        expectStatus(res, 200, `the rollback to ${version}`);
        expectEqual(res.body['current'], spam(version), `the rollback to ${version}: its "current"`);
      }
      expectStatus(
        await admin(socket, 'rollback'),
        409,
        'a fourth rollback (1.0.0, the oldest, fell off the history)',
        'nothing_to_roll_back',
      );
    },
  );
});
