/**
 * Model download and cache, owned by the app (issue 3 point 5). Everything a UI or a worker needs:
 * download with progress, pause/resume, inspection, deletion, the hosting probe, and the named errors.
 */
export { downloadModel, UNKNOWN_SIZE_ALLOWANCE, type DownloadOptions, type DownloadSummary } from './downloader';
export { inspectModel, deleteModel, type CacheState, type ModelCacheReport } from './inspect';
export { probeWeights, type WeightsProbe } from './probe';
export { cachedModelFiles, type ExportedFile } from './export';
export { HttpSource, BlobSource, filesByFolderPath, type FileSource, type SourceFile } from './sources';
export { requestPersistentStorage, availableStorage } from './store';
export { formatDuration, formatSpeed, type DownloadProgress } from './progress';
export * from './errors';
export { webllmModelBase, fetchBase, webllmCachesLibrary, CACHE_SCOPES, type CacheScope } from './keys';
export { planModelFiles, type ModelLocation, type ModelFile } from './plan';
