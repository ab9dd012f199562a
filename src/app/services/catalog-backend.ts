import { buildCatalog, catalogOptionsFromUrl, entriesForDevice, type CatalogEntry } from '../../../models/catalog';
import { buildCustomEntry, type CustomModelInput } from '../../../models/custom-model';
import { deleteModel, downloadModel, inspectModel, probeWeights, requestPersistentStorage } from '../../models-cache';
import { cachedModelFiles } from '../../models-cache/export';
import { writeModelFolder } from '../../models-cache/folder-export';
import { FolderSource, checkModelFolder, dropConflictingPartial } from '../../models-cache/folder-import';
import type { DownloadProgress as CacheProgress } from '../../models-cache/progress';
import { assessMemoryFit, type GpuInfo } from '../../gpu';
import { detectGpuStatus } from './gpu';
import type { GpuStatus, MemoryFit, ModelAvailability, ModelBackend, ModelChoice } from './model-backend';
import { WebGpuEngines } from './webgpu-engine';

/**
 * The model backend built on the catalog (models/catalog.ts) and the app-owned download cache
 * (src/models-cache/). After the WebGPU check it offers only the variants the adapter can run
 * (q4f16_1 needs shader-f16). The page address may move the R1-CI weights and the model libraries to
 * other folders on the same origin (`?weights=<folder>&libs=<folder>`, see models/README.md).
 */
export function createCatalogBackend(pageUrl: string): ModelBackend {
  const builtIn = buildCatalog(catalogOptionsFromUrl(pageUrl));
  let customInputs = readCustomInputs();
  const customEntries = (): CatalogEntry[] => customInputs.flatMap((input) => {
    try {
      return [buildCustomEntry({ ...input, pageUrl }).entry];
    } catch {
      return []; // a saved entry that no longer passes the checks is dropped from the list
    }
  });
  let all = [...builtIn, ...customEntries()];
  let gpuInfo: GpuInfo | null = null;
  let hasShaderF16: boolean | null = null;
  let usable: CatalogEntry[] = all;
  // The same array until the list changes, so elements given it do not redo work on every render.
  let choices: ModelChoice[] = usable.map(toChoice);
  const refresh = () => {
    all = [...builtIn, ...customEntries()];
    usable = hasShaderF16 === null ? all : entriesForDevice(all, hasShaderF16);
    choices = usable.map(toChoice);
  };
  const lostListeners: ((reason: Error) => void)[] = [];
  // Created on first load: the LLM worker (and web-llm inside it) starts only when a model is wanted.
  let engines: WebGpuEngines | null = null;
  const entry = (id: string): CatalogEntry => {
    const found = all.find((e) => e.id === id);
    if (!found) throw Object.assign(new Error(`Unknown model "${id}": choose one in Settings.`), { name: 'EngineError' });
    return found;
  };

  return {
    catalog: () => choices,

    async detectGpu(): Promise<GpuStatus> {
      const gpu = await detectGpuStatus();
      if (gpu.kind === 'ok') {
        hasShaderF16 = gpu.shaderF16;
        gpuInfo = gpu.info ?? null;
        refresh();
      }
      return gpu;
    },

    async availability(modelId, signal): Promise<ModelAvailability> {
      const model = entry(modelId);
      const report = await inspectModel(model);
      if (report.state === 'ready') return { kind: 'cached' };
      if (report.state === 'partial') return { kind: 'not-downloaded', bytesDone: report.bytesCached, bytesTotal: report.bytesTotal };
      // Only R1-CI's weights live at a site-chosen address that may be empty; the stock models are on Hugging Face.
      if (model.isR1CI) {
        const probe = await probeWeights(model, signal);
        if (probe.status === 'missing') {
          return {
            kind: 'weights-missing',
            url: model.weightsUrl,
            help: 'Converted R1-CI weights must be placed in that folder by whoever hosts this app.',
          };
        }
      }
      return { kind: 'not-downloaded' };
    },

    async download(modelId, onProgress, signal) {
      await requestPersistentStorage();
      await downloadModel(entry(modelId), { signal, onProgress: (p) => onProgress(toUiProgress(p)) });
    },

    async importFolder(modelId, files, folderName, onProgress, signal) {
      const model = entry(modelId);
      await checkModelFolder(model, files, folderName);
      await dropConflictingPartial(model, files, all);
      await requestPersistentStorage();
      await downloadModel(model, { signal, source: new FolderSource(`the folder "${folderName}"`, model, files), onProgress: (p) => onProgress(toUiProgress(p)) });
    },

    async exportFolder(modelId, directory, onProgress, signal) {
      const model = entry(modelId);
      return writeModelFolder(directory, model.id, await cachedModelFiles(model), { onProgress, signal });
    },

    async remove(modelId) {
      await deleteModel(entry(modelId), all);
    },

    addCustomModel(input) {
      const { entry: added, warnings } = buildCustomEntry({ ...input, pageUrl });
      if (hasShaderF16 === false && added.needsShaderF16) {
        throw Object.assign(new Error(`${added.displayName} is a q4f16_1 model, which needs the WebGPU feature shader-f16 that this graphics adapter lacks: use its q4f32_1 build.`), { name: 'CustomModelError' });
      }
      customInputs = [...customInputs.filter((c) => `custom:${folderOf(c.weightsUrl, pageUrl)}` !== added.id), input];
      writeCustomInputs(customInputs);
      refresh();
      return { id: added.id, warnings };
    },

    removeCustomModel(modelId) {
      customInputs = customInputs.filter((c) => `custom:${folderOf(c.weightsUrl, pageUrl)}` !== modelId);
      writeCustomInputs(customInputs);
      refresh();
    },

    memoryFit(modelId): MemoryFit | null {
      const model = entry(modelId);
      if (!gpuInfo || model.vramRequiredMB === undefined) return null;
      const fit = assessMemoryFit(gpuInfo, { vramMB: model.vramRequiredMB, largestBufferMB: model.largestBufferMB });
      return { verdict: fit.verdict, warnings: fit.warnings };
    },

    onModelLost(listener) {
      lostListeners.push(listener);
    },

    loadEngine(modelId, onProgress, signal) {
      engines ??= new WebGpuEngines((reason) => lostListeners.forEach((l) => l(reason)));
      return engines.load(entry(modelId), onProgress, signal);
    },
  };
}

function toUiProgress(p: CacheProgress) {
  return { bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, bytesPerSecond: p.bytesPerSecond || undefined, secondsLeft: p.secondsLeft, file: p.currentFiles[0] };
}

type SavedCustom = Omit<CustomModelInput, 'pageUrl'>;
const CUSTOM_KEY = 'r1ci-custom-models';

function readCustomInputs(): SavedCustom[] {
  try {
    const data = JSON.parse(localStorage.getItem(CUSTOM_KEY) ?? '[]') as unknown;
    return Array.isArray(data) ? data.filter((d): d is SavedCustom => typeof d?.weightsUrl === 'string' && typeof d?.modelLibUrl === 'string') : [];
  } catch {
    return [];
  }
}

function writeCustomInputs(list: SavedCustom[]): void {
  try {
    localStorage.setItem(CUSTOM_KEY, JSON.stringify(list));
  } catch {
    /* storage refused: the entry lasts for this visit */
  }
}

/** The id buildCustomEntry gives a folder, for matching saved inputs to entries. */
function folderOf(weightsUrl: string, pageUrl: string): string {
  try {
    return buildCustomEntry({ weightsUrl, modelLibUrl: 'x.wasm', pageUrl }).entry.id.replace(/^custom:/, '');
  } catch {
    return '';
  }
}

function toChoice(e: CatalogEntry): ModelChoice {
  const size = e.approxDownloadMB ? ` · about ${e.approxDownloadMB >= 1000 ? (e.approxDownloadMB / 1024).toFixed(1) + ' GB' : e.approxDownloadMB + ' MB'}` : '';
  const vram = e.vramRequiredMB ? ` · needs ${(e.vramRequiredMB / 1024).toFixed(1)} GB of GPU memory` : '';
  return {
    id: e.id,
    displayName: e.displayName,
    isR1CI: e.isR1CI,
    protocol: e.protocol,
    downloadBytes: e.approxDownloadMB ? e.approxDownloadMB * 2 ** 20 : undefined,
    vramMB: e.vramRequiredMB,
    detail: e.kind === 'custom' ? `${e.variant} · ${e.weightsUrl}` : `${e.variant}${size}${vram}`,
    isCustom: e.kind === 'custom',
    weightsUrl: e.weightsUrl,
    modelLibUrl: e.modelLibUrl,
  };
}
