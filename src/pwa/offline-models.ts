/**
 * Which models the app may offer: online, all of them; offline, only those whose every file is in
 * web-llm's caches (the models engineer's cache inspection decides). A model evicted by the browser
 * simply shows as not downloaded.
 */
import { inspectModel, type ModelCacheReport } from '../models-cache/inspect';
import type { ModelLocation } from '../models-cache/plan';

export interface OfflineModelChoice<T extends ModelLocation> {
  entry: T;
  report: ModelCacheReport;
  /** True when the model can be loaded right now. */
  usable: boolean;
  /** Why it cannot, in words, when not usable. */
  reason?: string;
}

/** Pure: combines the inspection reports with the network state. */
export function chooseOfflineModels<T extends ModelLocation>(entries: T[], reports: ModelCacheReport[], online: boolean): OfflineModelChoice<T>[] {
  return entries.map((entry, i) => {
    const report = reports[i];
    if (report.state === 'ready' || online) return { entry, report, usable: true };
    const reason = report.state === 'partial'
      ? `Only part of this model is downloaded (${report.missing.length} file(s) missing); reconnect to finish the download.`
      : 'This model is not downloaded; reconnect to download it.';
    return { entry, report, usable: false, reason };
  });
}

/**
 * Inspects every entry (reads only the caches, so it works offline). An entry whose inspection fails
 * (a cache deleted meanwhile) counts as absent rather than failing the whole list.
 */
export async function offlineReadyModels<T extends ModelLocation>(
  entries: T[],
  online: boolean = typeof navigator === 'undefined' ? true : navigator.onLine,
  inspect: (model: ModelLocation) => Promise<ModelCacheReport> = inspectModel,
): Promise<OfflineModelChoice<T>[]> {
  const reports = await Promise.all(entries.map((entry) => inspect(entry).catch((): ModelCacheReport => absent(entry.id))));
  return chooseOfflineModels(entries, reports, online);
}

function absent(modelId: string): ModelCacheReport {
  return { modelId, state: 'absent', bytesCached: 0, filesCached: 0, missing: [] };
}
