/**
 * Named errors of the model download. Code that receives them across a worker boundary must branch on
 * `err.name` (instanceof does not survive structured cloning); every message says what to do.
 */

/** Base class; `name` is overridden by each subclass. */
export class ModelDownloadError extends Error {
  override name = 'ModelDownloadError';
}

/** HTTP 404 for one of the model's files: the weights (or library) are not hosted at that URL. */
export class ModelFileNotFoundError extends ModelDownloadError {
  override name = 'ModelFileNotFoundError';
  constructor(readonly fileName: string, readonly url: string, modelId: string, isLibrary: boolean) {
    super(
      isLibrary
        ? `The model library ${fileName} of ${modelId} was not found at ${url} (HTTP 404). Check the model library URL, or host the .wasm file there.`
        : `The file ${fileName} of ${modelId} was not found at ${url} (HTTP 404): the model's weights are not hosted at this URL. ` +
          'Put the converted model folder there (see models/README.md, "Hosting the weights"), give the URL where it is hosted, or choose another model.' +
          // mlc-llm renamed the manifest in September 2025 (mlc-ai/mlc-llm#3326); web-llm 0.2.86 reads only the new name.
          (fileName === 'tensor-cache.json' ? ' If the folder has ndarray-cache.json instead (converted with an older mlc_llm), copy it to tensor-cache.json.' : ''),
    );
  }
}

/** Any other HTTP failure status. */
export class ModelHttpError extends ModelDownloadError {
  override name = 'ModelHttpError';
  constructor(readonly fileName: string, readonly url: string, readonly status: number) {
    super(`The server answered HTTP ${status} for ${fileName} (${url}). Try again later; if it persists, the host may block downloads from this page (CORS) or need a login.`);
  }
}

/** The network failed (offline, server gone, connection dropped, CORS refusal). */
export class ModelNetworkError extends ModelDownloadError {
  override name = 'ModelNetworkError';
  constructor(readonly fileName: string, readonly url: string, readonly offline: boolean) {
    super(
      offline
        ? `You are offline, so ${fileName} could not be downloaded. Reconnect and press Resume: files already downloaded are kept.`
        : `The download of ${fileName} from ${url} failed (connection lost, server unreachable, or the server does not allow this page to download from it). Press Resume to try again: files already downloaded are kept.`,
    );
  }
}

/** A file arrived with fewer or more bytes than announced (Content-Length) or recorded (the manifest). */
export class TruncatedFileError extends ModelDownloadError {
  override name = 'TruncatedFileError';
  constructor(readonly fileName: string, readonly receivedBytes: number, readonly expectedBytes: number, readonly expectedFrom: 'content-length' | 'manifest') {
    super(
      expectedFrom === 'manifest'
        ? `${fileName} has ${receivedBytes} bytes but the model's tensor-cache.json says ${expectedBytes}: the hosted copy is damaged or incomplete. Upload that file again, then press Resume.`
        : `${fileName} stopped after ${receivedBytes} of ${expectedBytes} bytes (the connection was cut). Press Resume to fetch it again.`,
    );
  }
}

/** Not enough browser storage for the model. */
export class StorageQuotaError extends ModelDownloadError {
  override name = 'StorageQuotaError';
  /** `availableBytes` known: the check before starting; else `fileName` is the file the browser refused to store. */
  constructor(readonly neededBytes: number, readonly availableBytes: number | undefined, fileName?: string) {
    super(
      availableBytes === undefined
        ? `The browser refused to store ${fileName ?? 'more data'} (storage quota exceeded). Free disk space or delete other downloaded models, then press Resume: files already downloaded are kept.`
        : `This model needs about ${formatMB(neededBytes)} more storage but the browser allows only ${formatMB(availableBytes)} more. Free disk space or delete other downloaded models, then try again.`,
    );
  }
}

/** The folder is not a usable MLC model (bad mlc-chat-config.json or tensor-cache.json). */
export class InvalidModelFolderError extends ModelDownloadError {
  override name = 'InvalidModelFolderError';
}

export function formatMB(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(0, Math.round(bytes / 1e3))} kB`;
}

/** Error names this module throws, for `switch (err.name)` on the far side of a worker. */
export const MODEL_DOWNLOAD_ERROR_NAMES = [
  'ModelFileNotFoundError', 'ModelHttpError', 'ModelNetworkError', 'TruncatedFileError', 'StorageQuotaError', 'InvalidModelFolderError',
] as const;

/** True for the error an aborted (paused) download ends with. */
export function isAbortError(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}

/** True when `cache.put` failed because storage is full. */
export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'StorageQuotaError';
}

/**
 * Turns what `fetch` threw into a named error. An abort stays an abort (the caller paused); anything
 * else fetch throws is a network failure (fetch gives no more detail: offline, DNS, refused, CORS).
 */
export function classifyFetchFailure(err: unknown, fileName: string, url: string, online: boolean): Error {
  if (isAbortError(err)) return err as Error;
  if ((MODEL_DOWNLOAD_ERROR_NAMES as readonly string[]).includes((err as { name?: string } | null)?.name ?? '')) return err as Error;
  return new ModelNetworkError(fileName, url, !online);
}

/** Turns a non-OK HTTP status into a named error. */
export function classifyHttpStatus(status: number, fileName: string, url: string, modelId: string, isLibrary: boolean): Error {
  if (status === 404 || status === 410) return new ModelFileNotFoundError(fileName, url, modelId, isLibrary);
  return new ModelHttpError(fileName, url, status);
}

/**
 * Checks a fully read body against what was promised. The manifest wins when it states a size (a shard
 * the server sends whole but which differs from the manifest is still wrong).
 */
export function checkReceivedSize(fileName: string, received: number, contentLength: number | undefined, manifestBytes: number | undefined): void {
  if (manifestBytes !== undefined && received !== manifestBytes) throw new TruncatedFileError(fileName, received, manifestBytes, 'manifest');
  if (contentLength !== undefined && received !== contentLength) throw new TruncatedFileError(fileName, received, contentLength, 'content-length');
}
