/**
 * Named errors of the LLM worker. Thrown in the worker, they reach the page as `{ name, message }`
 * (comlink keeps both), so the page branches on `err.name`. Messages say what the user can do.
 * GPU errors (WebGPUUnavailableError, GPUDeviceLostError) live in src/gpu/errors.ts.
 */

/** The model folder answered 404 (or not JSON): the weights are not where the catalog says. */
export class ModelFilesNotFoundError extends Error {
  override name = 'ModelFilesNotFoundError';
  constructor(readonly url: string, detail: string) {
    super(
      `The model's files were not found at ${url} (${detail}). Check that the model folder has been ` +
        'uploaded next to the app (or that the custom URL is right), then load it again, or pick another model.',
    );
  }
}

/** The network failed before any answer (offline, DNS, CORS). */
export class ModelFilesUnreachableError extends Error {
  override name = 'ModelFilesUnreachableError';
  constructor(readonly url: string, detail: string) {
    super(
      `Could not reach ${url} (${detail}). You may be offline, or the server does not allow this site to ` +
        'read it (CORS). Download the model while online, or check the URL.',
    );
  }
}

/** The model library (.wasm) is missing, corrupt, or not a web-llm library for this runtime. */
export class ModelLibraryError extends Error {
  override name = 'ModelLibraryError';
  constructor(readonly url: string, detail: string) {
    super(
      `The model library at ${url} could not be started (${detail}). It may be damaged or built for another ` +
        'version of the runtime: delete the cached model and download it again, or pick another model.',
    );
  }
}

/** Any other failure while loading, with web-llm's own words kept. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
  constructor(detail: string) {
    super(`The model could not be loaded: ${detail}. Try loading it again; if it keeps failing, pick a smaller model.`);
  }
}

export class ModelNotLoadedError extends Error {
  override name = 'ModelNotLoadedError';
  constructor() {
    super('No model is loaded yet. Load a model first.');
  }
}

export class GenerationBusyError extends Error {
  override name = 'GenerationBusyError';
  constructor() {
    super('The model is still answering. Stop it or wait before asking again.');
  }
}

/** web-llm's private pipeline fields this app relies on are missing: a web-llm upgrade changed them. */
export class WebLLMInternalsError extends Error {
  override name = 'WebLLMInternalsError';
  constructor(missing: string[]) {
    super(
      `This build of the app does not match its web-llm runtime (missing: ${missing.join(', ')}). ` +
        'Reload the page; if that does not help, the app needs an update.',
    );
  }
}
