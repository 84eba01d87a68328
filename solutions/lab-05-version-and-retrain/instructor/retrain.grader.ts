/** Instructor checks for lab 05's retrain: where it chooses its threshold, the folder it writes into, and versions it must not rewrite. */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectClose, expectEqual, once, submission } from '../../../grading/harness';
import { loadArtifact } from '../../../mlkit/artifact';
import { evaluateScores } from '../../../mlkit/metrics';
import { COURSE_THRESHOLD_RULE_TEXT, courseThreshold } from '../../../mlkit/pipeline/threshold-rule';
import { artifactAt, labelsOf, scoresOf } from '../grader/cache';
import { appCheck, RETRAIN, retrainedDir } from '../grader/http';

/** The models folder holding the public checks' retrain (`<it>/spam/1.1.0`). */
async function retrainedRoot(): Promise<string> {
  return path.dirname(path.dirname(await retrainedDir()));
}

/** The one retrain of this file: 2.0.0, parent 1.1.0, into a folder nobody created yet (as on a fresh clone). */
function freshRetrain(): Promise<{ modelsDir: string; dir: unknown }> {
  return once('retrain 2.0.0 into a fresh folder', async () => {
    const modelsDir = path.join(await retrainedRoot(), 'fresh-clone', 'models');
    const dir = await submission().call(RETRAIN, 'retrain', [{ version: '2.0.0', modelsDir, parent: '1.1.0' }], 120_000);
    return { modelsDir, dir };
  });
}

function fileHashes(dir: string): Record<string, string> {
  const hash = (f: string): string =>
    createHash('sha256')
      .update(readFileSync(path.join(dir, f)))
      .digest('hex');
  return { 'model.json': hash('model.json'), 'metadata.json': hash('metadata.json') };
}

describe('lab-05 instructor checks: retrain', () => {
  appCheck(
    'retrain chooses its threshold by the course rule (the F1-best) on the tune rows and records metrics.validation there',
    2,
    `${RETRAIN}: retrain() — chooseThreshold with COURSE_THRESHOLD_RULE and metrics.validation on the tune rows (period 1's validation + the last 1/4 of the labelled half)`,
    async () => {
      const dir = await retrainedDir();
      const model = artifactAt(dir);
      const tune = { labels: labelsOf('tune') };
      const { scores } = scoresOf(dir, 'tune');
      const best = courseThreshold(tune.labels, scores).threshold;
      expectClose(
        model.threshold,
        best,
        1e-12,
        `the saved threshold (the course rule, ${COURSE_THRESHOLD_RULE_TEXT}: on the ${tune.labels.length} tune rows it is ${best.toFixed(4)})`,
      );
      const measured = evaluateScores(tune.labels, scores, model.threshold);
      const recorded = ((model.metadata as Record<string, unknown>)['metrics'] as Record<string, Record<string, unknown>> | undefined)?.[
        'validation'
      ];
      for (const m of ['precision', 'recall', 'f1'] as const)
        expectClose(
          recorded?.[m],
          measured[m],
          1e-9,
          `metadata.metrics.validation.${m} (measured here on the tune rows: ${measured[m].toFixed(4)})`,
        );
    },
  );
  appCheck(
    'retrain into a models folder that does not exist yet: creates it, returns <modelsDir>/spam/2.0.0, records parent_version',
    1,
    `${RETRAIN}: retrain() — write into options.modelsDir (saveArtifact creates it) and record options.parent`,
    async () => {
      const { modelsDir, dir } = await freshRetrain().catch((err: unknown) => {
        throw new Error(
          `retrain({ version: "2.0.0", modelsDir: <a folder not created yet>, parent: "1.1.0" }) failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      expectEqual(dir, path.join(modelsDir, 'spam', '2.0.0'), 'the folder retrain() returned (inside the modelsDir it was given)');
      const metadata = loadArtifact(String(dir)).metadata as Record<string, unknown>;
      expectEqual(metadata['version'], '2.0.0', 'metadata.version');
      expectEqual(metadata['parent_version'], '1.1.0', 'metadata.parent_version (the parent it was given)');
    },
  );
  appCheck(
    'retrain without a parent records parent_version 1.0.0, the documented default',
    1,
    `${RETRAIN}: retrain() — parent_version is options.parent, or 1.0.0 when no parent is given`,
    async () => {
      const metadata = artifactAt(await retrainedDir()).metadata as Record<string, unknown>;
      expectEqual(metadata['parent_version'], '1.0.0', 'metadata.parent_version of retrain({ version: "1.1.0" }), given no parent');
    },
  );
  appCheck(
    'retrain refuses a version whose folder exists but holds no model yet, and writes nothing into it',
    1,
    `${RETRAIN}: retrain() — refuse when the folder <modelsDir>/spam/<version> exists, whatever it holds`,
    async () => {
      const root = await retrainedRoot();
      const dir = path.join(root, 'spam', '3.0.0');
      mkdirSync(dir, { recursive: true });
      // Writable by the submission, so that a retrain which does not refuse shows by what it writes.
      chmodSync(dir, 0o777);
      writeFileSync(path.join(dir, 'NOTES.md'), 'Reserved for 3.0.0.\n');
      let error: unknown;
      try {
        await submission().call(RETRAIN, 'retrain', [{ version: '3.0.0', modelsDir: root }], 120_000);
      } catch (err) {
        error = err;
      }
      if (error === undefined)
        throw new Error(
          'retrain({ version: "3.0.0" }) into a models folder whose spam/3.0.0/ exists (holding only NOTES.md) returned: expected it to throw',
        );
      expectEqual(readdirSync(dir).sort(), ['NOTES.md'], 'the files in spam/3.0.0/ after the refused retrain');
    },
  );
  appCheck(
    'retrain refuses a version that already exists, and leaves its files as they were',
    1,
    `${RETRAIN}: retrain() — check <modelsDir>/spam/<version> before training, and throw naming the version`,
    async () => {
      const dir = await retrainedDir();
      const before = fileHashes(dir);
      let error: unknown;
      try {
        await submission().call(RETRAIN, 'retrain', [{ version: '1.1.0', modelsDir: await retrainedRoot() }], 120_000);
      } catch (err) {
        error = err;
      }
      if (error === undefined)
        throw new Error('retrain({ version: "1.1.0" }) into the folder that already holds 1.1.0 returned: expected it to throw');
      if (!String(error instanceof Error ? error.message : error).includes('1.1.0'))
        throw new Error(`expected the error to name version 1.1.0, got ${JSON.stringify(String(error))}`);
      expectEqual(fileHashes(dir), before, "the sha256 of 1.1.0's files after the refused retrain");
    },
  );
  appCheck(
    'retrain without a modelsDir writes into a new folder of its own each time: a second retrain of 1.1.0 is another folder, the first untouched',
    1,
    `${RETRAIN}: retrain() — the default modelsDir is a new temporary folder per call (mkdtempSync), not a fixed path`,
    async () => {
      // A fixed default (one temporary path, or the course's models/) makes the second retrain of a
      // version refuse, or rewrite a version that served: the default must be fresh on every call.
      const first = await retrainedDir();
      const before = fileHashes(first);
      let second: unknown;
      try {
        second = await submission().call(RETRAIN, 'retrain', [{ version: '1.1.0' }], 120_000);
      } catch (err) {
        throw new Error(
          `a second retrain({ version: "1.1.0" }) without modelsDir failed (${err instanceof Error ? err.message : String(err)}): expected it to write into a new temporary folder, not the first one's`,
        );
      }
      if (typeof second !== 'string' || !path.isAbsolute(second))
        throw new Error(
          `the second retrain({ version: "1.1.0" }) should return the absolute path of its new folder, got ${JSON.stringify(second)}`,
        );
      expectEqual(path.basename(second), '1.1.0', 'the last part of the folder the second retrain returned');
      const [root1, root2] = [first, second].map((d) => path.dirname(path.dirname(d)));
      if (root1 === root2)
        throw new Error(
          `both retrains without modelsDir wrote into the same models folder ${JSON.stringify(root1)}: expected a new one per call`,
        );
      loadArtifact(second); // the second model is whole, its checksums verified
      expectEqual(fileHashes(first), before, "the sha256 of the first retrain's files after the second");
    },
  );
});
