/**
 * Named errors about the GPU. They cross the worker boundary as plain `{ name, message }` objects, so
 * callers branch on `err.name` (see `isGpuErrorName`), never on `instanceof`.
 */

/** Where a user can see what their browser's WebGPU offers, and why it may be missing. */
export const WEBGPU_REPORT_URL = 'https://webgpureport.org/';

export type WebGpuUnavailableReason = 'no-api' | 'no-adapter' | 'adapter-request-failed' | 'limits-too-small';

/** This browser cannot run the model on the GPU at all. The UI offers the recorded demos instead. */
export class WebGPUUnavailableError extends Error {
  override name = 'WebGPUUnavailableError';
  constructor(
    readonly reason: WebGpuUnavailableReason,
    detail?: string,
  ) {
    super(unavailableMessage(reason, detail));
  }
}

function unavailableMessage(reason: WebGpuUnavailableReason, detail?: string): string {
  const head = {
    'no-api': 'This browser does not offer WebGPU, which the model needs to run on your graphics card.',
    'no-adapter': 'WebGPU is present but found no usable graphics adapter (it may be switched off, blocked, or unsupported on this GPU).',
    'adapter-request-failed': 'WebGPU could not be started on this computer.',
    'limits-too-small': 'This graphics adapter is too limited to run the model.',
  }[reason];
  const more = detail ? ` (${detail})` : '';
  return (
    `${head}${more} Try a recent Chrome or Edge on a computer with a GPU, with hardware acceleration on; ` +
    `${WEBGPU_REPORT_URL} shows what your browser supports. The recorded demos still work without it.`
  );
}

/**
 * The GPU device went away (driver reset, out of GPU memory, the tab was backgrounded too long). The
 * conversation so far is intact; the model must be loaded again before it can continue.
 */
export class GPUDeviceLostError extends Error {
  override name = 'GPUDeviceLostError';
  constructor(detail?: string) {
    super(
      'The graphics device was lost while the model was running' +
        (detail ? ` (${detail})` : '') +
        '. This usually means the GPU ran out of memory or its driver restarted. Your conversation is kept: ' +
        'reload the model to continue, or pick a smaller model or context window if it happens again.',
    );
  }
}

export const GPU_ERROR_NAMES = ['WebGPUUnavailableError', 'GPUDeviceLostError'] as const;
export type GpuErrorName = (typeof GPU_ERROR_NAMES)[number];

/** True when `err` (possibly a plain object from a worker) is one of the GPU errors above. */
export function isGpuErrorName(err: unknown, name: GpuErrorName): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;
}
