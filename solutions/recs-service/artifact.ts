/**
 * Opening `models/recs/<version>/` for the registry classes the spam API uses (lab 01's
 * `DiskModelRegistry`, lab 05's `VersionedRegistry`). Those hold the template's `LoadedModel`,
 * whose scoring method reads texts; the recommender travels beside it, keyed by the artifact's
 * metadata object, which the registry passes through unchanged. So hot swap, rollback and the
 * admin routes work on recommenders without a second registry.
 */
import { loadRecommender } from '../../mlkit/recsys';
import type { LoadedModel } from '../../server-template/src/contracts';
import type { Artifact, OpenArtifact } from '../lab-01-ship-the-model/src/registry';
import { ServedRecommender } from './served-model';

const served = new WeakMap<object, ServedRecommender>();

function catalogueOf(metadata: Record<string, unknown>): Record<string, string | null> {
  const catalogue = metadata['catalogue'];
  return typeof catalogue === 'object' && catalogue !== null && !Array.isArray(catalogue)
    ? (catalogue as Record<string, string | null>)
    : {};
}

/** Reads and verifies a recommender artifact (checksums, kind) and precomputes its lists. */
export const openRecsArtifact: OpenArtifact = (dir: string): Artifact => {
  const { metadata, model } = loadRecommender(dir);
  served.set(metadata, new ServedRecommender(model, catalogueOf(metadata)));
  return {
    dir,
    metadata,
    // A recommender has no decision threshold and reads no texts; the spam routes never reach it.
    threshold: Number.NaN,
    predictProba: () => {
      throw new TypeError('a recommender scores users, not texts');
    },
  };
};

/**
 * The recommender behind a model the registry loaded with `openRecsArtifact`.
 * @throws TypeError for a model loaded some other way (a wiring mistake, not a client error)
 */
export function servedRecommender(model: LoadedModel): ServedRecommender {
  const found = served.get(model.metadata);
  if (!found) throw new TypeError(`model ${model.info.name} ${model.info.version} was not opened with openRecsArtifact`);
  return found;
}
