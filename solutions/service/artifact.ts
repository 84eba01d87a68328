/** The artifact loader the reference service uses: the toolkit's, which verifies every checksum. */
import { loadArtifact } from '../../mlkit/artifact';
import type { OpenArtifact } from '../lab-01-ship-the-model/src/registry';

export const defaultOpenArtifact: OpenArtifact = loadArtifact;
