/**
 * Export of a downloaded model to a folder (issue 4 point 6c): the cached files (cachedModelFiles) are
 * written into `<chosen folder>/<model id>/`, the layout "Import from a folder" reads back and the one a
 * teacher puts in the site's `models/` folder (models/README.md). The model library goes into the same
 * folder, so the copy imports with no network at all.
 */
import type { ExportedFile } from './export';

/** The part of the File System Access API's FileSystemDirectoryHandle the export uses (a fake in tests). */
export interface WritableDirectory {
  readonly name: string;
  getDirectoryHandle(name: string, options: { create: true }): Promise<WritableDirectory>;
  getFileHandle(name: string, options: { create: true }): Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;
}

export interface ExportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Where each file goes, relative to the chosen folder: `<model id>/<name>` (or `<name>` when that folder is already the model's). */
export function exportPaths(modelId: string, chosenFolderName: string, files: readonly ExportedFile[]): string[] {
  const prefix = chosenFolderName === modelId ? '' : `${modelId}/`;
  return files.map((f) => prefix + f.name);
}

/**
 * Writes the files under `directory`, streaming each blob (a 150 MB shard is never whole in memory).
 * Returns the paths written. Aborting stops between (or inside) files; a half-written file is left
 * behind, which a later import names as the wrong size.
 */
export async function writeModelFolder(
  directory: WritableDirectory,
  modelId: string,
  files: readonly ExportedFile[],
  options: { onProgress?: (p: ExportProgress) => void; signal?: AbortSignal } = {},
): Promise<string[]> {
  const paths = exportPaths(modelId, directory.name, files);
  const progress: ExportProgress = { filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal: files.reduce((n, f) => n + f.blob.size, 0) };
  options.onProgress?.({ ...progress });
  for (const [i, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const parts = paths[i]!.split('/');
    let folder = directory;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const handle = await folder.getFileHandle(parts.at(-1)!, { create: true });
    const writable = await handle.createWritable();
    await file.blob.stream().pipeTo(writable, { signal: options.signal });
    progress.filesDone++;
    progress.bytesDone += file.blob.size;
    options.onProgress?.({ ...progress });
  }
  return paths;
}

/** The browser's folder picker, or undefined where it has none (Firefox, Safari, phones). */
export function folderPicker(): (() => Promise<WritableDirectory>) | undefined {
  const picker = (globalThis as { showDirectoryPicker?: (options: { mode: 'readwrite'; id?: string }) => Promise<WritableDirectory> }).showDirectoryPicker;
  return picker ? () => picker({ mode: 'readwrite', id: 'r1ci-model-export' }) : undefined;
}

/** What to say where folders cannot be written. */
export const NO_FOLDER_WRITE_MESSAGE =
  'This browser cannot write to a folder (it has no folder picker for saving; Chrome and Edge on a computer do). ' +
  'Export from one of those, or copy the model folder from the server it was downloaded from.';
