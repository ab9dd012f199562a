/**
 * Storage that lasts: ask the browser not to evict the app's data before a 2 GB model download, and
 * report how much space is used and left.
 */

export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

/**
 * Call before a model download. Chromium grants persistence without a dialog to an installed or
 * often-used site and may refuse otherwise; Firefox asks the user. Never throws.
 */
export async function ensurePersistentStorage(): Promise<PersistenceState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}

/** Whether storage is already persistent, without asking. */
export async function persistenceState(): Promise<PersistenceState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persisted) return 'unsupported';
  try {
    return (await storage.persisted()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}

export interface StorageSummary {
  /** Bytes this origin uses (all caches, IndexedDB, ...), when the browser says. */
  usageBytes?: number;
  /** Bytes this origin may use in all. */
  quotaBytes?: number;
  /** quota - usage. */
  freeBytes?: number;
  persistence: PersistenceState;
}

export async function storageSummary(): Promise<StorageSummary> {
  const persistence = await persistenceState();
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { persistence };
  try {
    const { usage, quota } = await storage.estimate();
    const freeBytes = quota === undefined ? undefined : Math.max(0, quota - (usage ?? 0));
    return { usageBytes: usage, quotaBytes: quota, freeBytes, persistence };
  } catch {
    return { persistence };
  }
}

/** "1.23 GB", "456 MB", "12 kB": for the storage panel. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'unknown';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}
