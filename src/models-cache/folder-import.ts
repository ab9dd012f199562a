/**
 * Import of a model from a local folder (a USB stick, issue 4 point 6b): the folder is checked first, so
 * a wrong folder is named with everything it lacks before a byte is stored; then the files go through the
 * download pipeline (`downloadModel` with a FolderSource): same progress, size checks, quota check and
 * cache keys as a download. The model library is taken from the folder when it is there (an exported
 * folder holds it), else fetched from its URL.
 */
import { InvalidModelFolderError } from './errors';
import { CHAT_CONFIG_FILE, TENSOR_CACHE_MANIFEST } from './keys';
import { deleteModel } from './inspect';
import { libraryFile, metadataFiles, parseChatConfig, parseTensorManifest, planModelFiles, type ModelFile, type ModelLocation } from './plan';
import { BlobSource, HttpSource, type FileSource, type SourceFile } from './sources';
import { fetchBase } from './keys';
import { cachedText } from './store';

export interface FolderCheck {
  /** Every file the import will store, in download order. */
  files: ModelFile[];
  /** True when the folder holds the model library; otherwise it is fetched from `libraryUrl`. */
  libraryInFolder: boolean;
  libraryName: string;
  libraryUrl: string;
}

/**
 * Checks that `files` (keyed by path inside the chosen folder, see filesByFolderPath) hold `model`:
 * mlc-chat-config.json, its tokenizer, tensor-cache.json and every shard at the manifest's size.
 * Throws InvalidModelFolderError naming what is missing or wrong, in words a teacher can act on.
 */
export async function checkModelFolder(model: ModelLocation, files: ReadonlyMap<string, Blob>, folderName: string): Promise<FolderCheck> {
  const where = `the folder "${folderName}"`;
  const config = files.get(CHAT_CONFIG_FILE);
  const manifest = files.get(TENSOR_CACHE_MANIFEST);
  if (!config || !manifest) {
    const absent = [!config && CHAT_CONFIG_FILE, !manifest && TENSOR_CACHE_MANIFEST].filter(Boolean).join(' and ');
    throw new InvalidModelFolderError(`${capitalise(where)} is not ${model.id}'s model folder: it has no ${absent}. ${hintForNested(files, model.id)}`);
  }
  const planned = planModelFiles(
    model,
    parseChatConfig(await config.text(), `mlc-chat-config.json in ${where}`),
    parseTensorManifest(await manifest.text(), `tensor-cache.json in ${where}`),
  );
  const problems: string[] = [];
  const missing: string[] = [];
  for (const file of planned) {
    if (file.role === 'library') continue;
    const blob = files.get(file.name);
    if (!blob) missing.push(file.name);
    else if (file.expectedBytes !== undefined && blob.size !== file.expectedBytes) {
      problems.push(`${file.name} has ${blob.size} bytes but tensor-cache.json says ${file.expectedBytes}`);
    }
  }
  if (missing.length) problems.unshift(`missing ${listNames(missing)}`);
  if (problems.length) {
    throw new InvalidModelFolderError(
      `${capitalise(where)} does not hold all of ${model.id}: ${problems.join('; ')}. Copy the whole model folder again (it was probably copied only in part), then import it again.`,
    );
  }
  const library = libraryFile(model);
  return { files: planned, libraryInFolder: files.has(library.name), libraryName: library.name, libraryUrl: library.url };
}

/**
 * A partial copy of the model already in the caches whose config or manifest differs from the folder's
 * (another conversion) would be resumed with the wrong shard list: its weights are dropped first, so the
 * folder is the truth. Returns true when something was dropped.
 */
export async function dropConflictingPartial(model: ModelLocation, files: ReadonlyMap<string, Blob>, others: ModelLocation[] = []): Promise<boolean> {
  const { config, manifest } = metadataFiles(model);
  for (const file of [config, manifest]) {
    const cached = await cachedText(file);
    const picked = files.get(file.name);
    if (cached !== undefined && picked && cached !== (await picked.text())) {
      await deleteModel(model, others); // others: a library another cached model shares is kept
      return true;
    }
  }
  return false;
}

/**
 * The folder's files, with the model library fetched from its URL when the folder lacks it. Offline, a
 * missing library is a clear error (not a network failure): where to find the file and where to put it.
 */
export class FolderSource implements FileSource {
  private readonly blobs: BlobSource;
  private readonly http: FileSource;

  constructor(readonly label: string, private readonly model: ModelLocation, private readonly files: ReadonlyMap<string, Blob>, http?: FileSource) {
    this.blobs = new BlobSource(label, model.id, files);
    this.http = http ?? new HttpSource(model.id, fetchBase(model.weightsUrl));
  }

  async open(file: ModelFile, signal: AbortSignal): Promise<SourceFile> {
    if (file.role !== 'library' || this.files.has(file.name)) return this.blobs.open(file, signal);
    try {
      return await this.http.open(file, signal);
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'AbortError') throw err;
      throw new InvalidModelFolderError(
        `The model library ${file.name} is not in ${this.label}, and it could not be fetched from ${file.url}` +
          `${name === 'ModelNetworkError' ? ' (no network)' : ''}. Put ${file.name} into the model folder (a folder made with "Export to a folder" holds it), or import again when online.`,
      );
    }
  }
}

/** When the user picked the folder above the model folder, says which one to pick instead. */
function hintForNested(files: ReadonlyMap<string, Blob>, modelId: string): string {
  const nested = [...files.keys()].find((path) => path.endsWith(`/${CHAT_CONFIG_FILE}`));
  if (nested) return `It holds a model folder "${nested.slice(0, -CHAT_CONFIG_FILE.length - 1)}": choose that folder itself.`;
  return `Choose the folder named ${modelId} (the one that holds ${CHAT_CONFIG_FILE}, tokenizer.json, ${TENSOR_CACHE_MANIFEST} and the params_shard_*.bin files).`;
}

function listNames(names: string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
