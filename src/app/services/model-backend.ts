import type { ProtocolRecord } from '../../../models/protocol';
import type { Engine } from '../../engines/engine';
import type { GpuInfo } from '../../gpu';
import type { ExportProgress, WritableDirectory } from '../../models-cache/folder-export';

export type { ExportProgress, WritableDirectory };

/**
 * What the app needs from the model side (catalog, WebGPU check, download cache, engine), as one
 * interface, so the UI does not depend on how each piece is built. `createModelBackend()` in
 * ./backend.ts returns the implementation in use.
 */
export interface ModelChoice {
  id: string;
  displayName: string;
  /** False for the stock Qwen fallbacks: the UI marks them as not R1-CI. */
  isR1CI: boolean;
  protocol: ProtocolRecord;
  /** Download size in bytes, when known. */
  downloadBytes?: number;
  /** GPU memory the model needs, in MB, when known. */
  vramMB?: number;
  /** One line for the picker, e.g. "q4f32_1 · 1.9 GB". */
  detail?: string;
  /** True for a user-added custom model (it can be removed from the list). */
  isCustom?: boolean;
  /** Where its files live (for the storage panel). */
  weightsUrl?: string;
  modelLibUrl?: string;
}

export type GpuStatus =
  | { kind: 'none'; reason: string }
  | { kind: 'ok'; shaderF16: boolean; isFallbackAdapter: boolean; description: string; info?: GpuInfo };

export type ModelAvailability =
  | { kind: 'cached' }
  | { kind: 'not-downloaded'; bytesDone?: number; bytesTotal?: number }
  /** The weights are not at their base URL (a fresh deploy): the UI explains how to provide them. */
  | { kind: 'weights-missing'; url: string; help: string }
  /** This build cannot download or run models (a piece is missing, or something failed): say why. */
  | { kind: 'unavailable'; reason: string };

export interface DownloadProgress {
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
  file?: string;
}

export interface LoadProgress {
  text: string;
  /** 0..1 when known. */
  fraction?: number;
}

/** Whether the chosen model fits this GPU: `cannot-run` blocks the download, `warn` asks for care. */
export interface MemoryFit {
  verdict: 'ok' | 'warn' | 'cannot-run';
  warnings: string[];
}

export interface ModelBackend {
  catalog(): ModelChoice[];
  detectGpu(): Promise<GpuStatus>;
  availability(modelId: string, signal?: AbortSignal): Promise<ModelAvailability>;
  /** Downloads what is missing; aborting pauses (finished files are kept, a later call resumes). */
  download(modelId: string, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<void>;
  remove(modelId: string): Promise<void>;
  /** The GPU memory check for a model, once the GPU is known; null before or when nothing is known. */
  memoryFit(modelId: string): MemoryFit | null;
  /** Told when a loaded model is lost (worker crash, GPU device lost): the next question loads it again. */
  onModelLost(listener: (reason: Error) => void): void;
  /**
   * Adds a "custom model" (any MLC folder URL plus its model library), remembered across visits.
   * Throws (name CustomModelError) with a message saying what to fix; returns its id and any warnings.
   */
  addCustomModel(input: { weightsUrl: string; modelLibUrl: string; displayName?: string }): { id: string; warnings: string[] };
  removeCustomModel(modelId: string): void;
  /**
   * Imports the model from a local folder's files (keyed by path inside the folder, see
   * filesByFolderPath): checked first (a wrong folder is named with what it lacks), then stored through
   * the download pipeline, with the same progress. Absent where the build cannot store models.
   */
  importFolder?(modelId: string, files: ReadonlyMap<string, Blob>, folderName: string, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<void>;
  /** Writes a downloaded model into `<directory>/<model id>/`; returns the paths written. */
  exportFolder?(modelId: string, directory: WritableDirectory, onProgress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<string[]>;
  /** Loads the model into the GPU and returns an engine for the loop. */
  loadEngine(modelId: string, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Engine>;
}
