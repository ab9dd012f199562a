/**
 * A cached model read back as the files of its MLC folder, for "export to a folder" (issue 4): the
 * result imports again through BlobSource, so a model downloaded once can be copied to a USB stick.
 */
import { InvalidModelFolderError } from './errors';
import { metadataFiles, parseChatConfig, parseTensorManifest, planModelFiles, type ModelLocation } from './plan';
import { cachedBlob, cachedText } from './store';

export interface ExportedFile {
  /** Path inside the model folder; the library by its file name. */
  name: string;
  blob: Blob;
}

/** Every file of a ready model, in download order. Throws InvalidModelFolderError naming what is missing. */
export async function cachedModelFiles(model: ModelLocation): Promise<ExportedFile[]> {
  const { config, manifest } = metadataFiles(model);
  const [configText, manifestText] = await Promise.all([cachedText(config), cachedText(manifest)]);
  if (configText === undefined || manifestText === undefined) {
    throw new InvalidModelFolderError(`${model.id} is not fully downloaded (its ${configText === undefined ? config.name : manifest.name} is not cached); download it first.`);
  }
  const files = planModelFiles(model, parseChatConfig(configText, config.name), parseTensorManifest(manifestText, manifest.name));
  const out: ExportedFile[] = [];
  for (const file of files) {
    const blob = await cachedBlob(file);
    if (!blob || (file.expectedBytes !== undefined && blob.size !== file.expectedBytes)) {
      throw new InvalidModelFolderError(`${model.id} is not fully downloaded (${file.name} is missing or damaged); download it again first.`);
    }
    out.push({ name: file.name, blob });
  }
  return out;
}
