export { ArtifactError, type ArtifactProblem } from './errors';
export {
  sha256,
  checkName,
  checkVersion,
  compareVersions,
  isVersion,
  type ArtifactMetadata,
  type MetadataExtras,
  type FileEntry,
  type DataFileEntry,
  type SplitMetrics,
} from './metadata';
export { saveArtifact, MODEL_FILE, METADATA_FILE } from './save';
export { loadArtifact, type LoadedModel } from './load';
export { listVersions, latestVersion } from './versions';
