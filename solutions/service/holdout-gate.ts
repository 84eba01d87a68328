/**
 * The promotion gate notebook 09 and lab 05 teach, on the service's reload path: a candidate
 * replaces the current model only when the paired-bootstrap lower bound of its F1 gain on a
 * fixed holdout is above zero. The holdout is labelled mail neither version trained on (by
 * default period 1's sealed test split); the candidate's own metadata numbers are never read.
 */
import { existsSync } from 'node:fs';
import type { LoadedModel, ModelSource } from '../../server-template/src/contracts';
import { HttpError } from '../../server-template/src/errors';
// One implementation: lab 05's gate, the one its learners write (and the graders hold to the reference).
import { holdoutGate } from '../lab-05-version-and-retrain/src/gate';
import { readHoldout, type Holdout } from '../lab-05-version-and-retrain/src/holdout';

export { compareOnHoldout, type GateVerdict } from '../lab-05-version-and-retrain/src/gate';
export { readHoldout, type Holdout } from '../lab-05-version-and-retrain/src/holdout';

/**
 * `source`, gated: opening a version while a model is current evaluates both on the holdout
 * and refuses the candidate (422 `gate_failed`) unless it is measurably better. The first load
 * (nothing current) and rollbacks (which never open) are not gated.
 * @param holdoutFile read on the first gated open; missing → 503 `gate_unavailable`
 */
export function gatedSource(source: ModelSource, current: () => LoadedModel | undefined, holdoutFile: string): ModelSource {
  let holdout: Holdout | undefined;
  const load = (): Holdout => {
    if (!existsSync(holdoutFile)) {
      throw new HttpError(
        503,
        'gate_unavailable',
        `No holdout to evaluate the candidate on (${holdoutFile} is missing): build it with "npm run datasets" or set HOLDOUT_FILE. The current model keeps answering.`,
      );
    }
    try {
      holdout ??= readHoldout(holdoutFile);
    } catch (err) {
      throw new HttpError(
        503,
        'gate_unavailable',
        `Cannot read the holdout ${holdoutFile}: ${err instanceof Error ? err.message : String(err)}. The current model keeps answering.`,
      );
    }
    return holdout;
  };
  const gate = holdoutGate(load);
  return {
    versions: () => source.versions(),
    async open(version) {
      const live = current();
      const candidate = await source.open(version);
      if (live) gate.check(live, candidate);
      return candidate;
    },
  };
}
