/**
 * Instructor checks for lab 01's registry on folders a learner's machine does not have: version
 * pairs a number-blind comparison orders wrongly, a corrupt version, an unknown version, and no
 * versions at all (a fresh clone has no models folder of its own).
 */
import { check, expectEqual, submission } from '../../../grading/harness';

/** Writing a models folder and loading a model from it take seconds on a busy grading machine. */
const CHECK_MS = 60_000;

const REGISTRY = 'src/registry.ts';
const STORE = 'src/model-store.ts';

interface LoadOutcome {
  requested: string | null;
  loaded?: string;
  error?: { status?: unknown; code?: unknown; message: string; details?: unknown };
  current: string | null;
}

/** Your registry over a fresh folder of `entries`, loading each of `loads` in turn (null: the latest). */
async function tryLoads(entries: Array<{ name: string; kind?: string }>, loads: Array<string | null>): Promise<LoadOutcome[]> {
  return (await submission().call(STORE, 'tryLoads', [entries, loads], 20_000)) as LoadOutcome[];
}

const said = (o: LoadOutcome | undefined): string => JSON.stringify(o);

/** [a, b, sign of compareVersions(a, b)]: each pair is one way to get versions wrong. */
const PAIRS: Array<[string, string, -1 | 0 | 1]> = [
  ['1.0.10', '1.1.0', -1],
  ['2.0.0', '1.10.0', 1],
  ['10.0.0', '9.9.9', 1],
  ['1.0.0', '1.0.1', -1],
  ['0.4.0', '1.0.0', -1],
  ['3.2.1', '3.2.1', 0],
  // Versions with two or four parts: every part counts, and a missing part is 0.
  ['1.10', '1.9', 1],
  ['1.2', '1.2.0', 0],
  ['1.2', '1.2.1', -1],
  ['1.2.3.4', '1.2.3.5', -1],
];

describe('lab-01 instructor checks: the registry', () => {
  check(
    'compareVersions: every dot-separated part compared as a number (a missing part is 0), equal is 0, and swapping the arguments flips the sign',
    2,
    `${REGISTRY}: compareVersions() compares each dot-separated part as a number, left to right`,
    async () => {
      for (const [a, b, sign] of PAIRS) {
        const d = (await submission().call(REGISTRY, 'compareVersions', [a, b])) as number;
        const back = (await submission().call(REGISTRY, 'compareVersions', [b, a])) as number;
        expectEqual(Math.sign(d), sign, `the sign of compareVersions("${a}", "${b}") (got ${d})`);
        expectEqual(Math.sign(back), -sign || 0, `the sign of compareVersions("${b}", "${a}") (got ${back})`);
      }
    },
  ).timeout(CHECK_MS);
  check(
    'a load that fails (a version whose model.json fails its checksum) keeps the model that answers, and the next load works',
    2,
    `${REGISTRY}: load() opens first and replaces this.active only once open() succeeded; open() lets the checksum error through`,
    async () => {
      const entries = [{ name: '1.0.0' }, { name: '1.1.0', kind: 'corrupt' }, { name: '1.2.0' }];
      const [first, corrupt, next] = await tryLoads(entries, ['1.0.0', '1.1.0', '1.2.0']);
      expectEqual([first?.loaded, first?.current], ['1.0.0', '1.0.0'], `load("1.0.0"): ${said(first)}`);
      if (corrupt?.loaded !== undefined || corrupt?.error === undefined) {
        throw new Error(`load("1.1.0"), whose model.json fails its sha256, must throw; it loaded ${JSON.stringify(corrupt?.loaded)}`);
      }
      if (!/model\.json/.test(corrupt.error.message)) {
        throw new Error(`load("1.1.0") should say which file is corrupt (model.json), got ${JSON.stringify(corrupt.error.message)}`);
      }
      expectEqual(corrupt.current, '1.0.0', `the model answering after the failed load("1.1.0") (${said(corrupt)})`);
      expectEqual([next?.loaded, next?.current], ['1.2.0', '1.2.0'], `load("1.2.0") after the failure: ${said(next)}`);
    },
  ).timeout(CHECK_MS);
  check(
    'an unknown version is a 404 version_not_found whose details list the versions on disk; no versions at all is a 404 model_not_found',
    2,
    `${REGISTRY}: open() throws HttpError(404, 'version_not_found', …, { available }) and, with no versions (even no folder), 404 'model_not_found'`,
    async () => {
      const [, unknown] = await tryLoads([{ name: '1.0.0' }, { name: '1.2.0' }, { name: 'archive', kind: 'folder' }], ['1.0.0', '1.1.0']);
      const error = unknown?.error;
      expectEqual([error?.status, error?.code], [404, 'version_not_found'], `load("1.1.0") with 1.0.0 and 1.2.0 on disk: ${said(unknown)}`);
      expectEqual(error?.details, { available: ['1.0.0', '1.2.0'] }, `error.details of load("1.1.0")`);
      for (const [entries, what] of [
        [[], 'no models/spam/ folder at all'],
        [[{ name: 'archive', kind: 'folder' }], 'a models/spam/ folder with no version in it'],
      ] as const) {
        const [latest] = await tryLoads([...entries], [null]);
        expectEqual([latest?.error?.status, latest?.error?.code], [404, 'model_not_found'], `load() with ${what}: ${said(latest)}`);
      }
    },
  ).timeout(CHECK_MS);
});
