/**
 * Python packages kept for offline use, in the cache the service worker answers package requests from
 * (PACKAGE_CACHE, keyed by the wheel's URL). A package imported once while online is kept by the
 * service worker itself; "make available offline" fetches a chosen set ahead of time, checked against
 * the lockfile's sha256 so a damaged copy is never kept.
 */
import { PACKAGE_CACHE } from './cache-names';
import { packageFileUrl, resolvePackageSet, type LockPackage, type Lockfile } from './packages-plan';

export interface PackageProgress {
  /** Package being fetched now (undefined once finished). */
  current?: string;
  /** Packages done (fetched now or already cached). */
  done: number;
  total: number;
  bytesFetched: number;
}

export interface MakeOfflineOptions {
  lock: Lockfile;
  /** Folder the lockfile's file names are fetched from (the Python worker's `packageBaseUrl`). */
  packageBaseUrl: string;
  /** Package or import names; dependencies are added. */
  names: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: PackageProgress) => void;
}

/** A package could not be made available offline; the message says what to do. */
export class PackageOfflineError extends Error {
  override name = 'PackageOfflineError';
}

/**
 * Fetches every file the chosen packages need into the package cache, skipping files already there.
 * Returns the package names now available offline. Throws PackageOfflineError (unknown name, offline,
 * HTTP error, damaged file, storage full) or the AbortError of `signal`.
 */
export async function makePackagesAvailableOffline(options: MakeOfflineOptions): Promise<string[]> {
  const { packages, unknown } = resolvePackageSet(options.lock, options.names);
  if (unknown.length) throw new PackageOfflineError(`No package named ${unknown.join(', ')} in this Python's package list; check the spelling.`);
  const cache = await caches.open(PACKAGE_CACHE);
  const progress: PackageProgress = { done: 0, total: packages.length, bytesFetched: 0 };
  for (const pkg of packages) {
    options.signal?.throwIfAborted();
    progress.current = pkg.name;
    options.onProgress?.({ ...progress });
    const url = packageFileUrl(pkg, options.packageBaseUrl);
    if (!(await cache.match(url, { ignoreSearch: true }))) {
      const bytes = await fetchChecked(pkg, url, options.signal);
      await store(cache, url, bytes);
      progress.bytesFetched += bytes.byteLength;
    }
    progress.done++;
  }
  progress.current = undefined;
  options.onProgress?.({ ...progress });
  return packages.map((p) => p.name);
}

async function fetchChecked(pkg: LockPackage, url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache: 'no-store' });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new PackageOfflineError(
      navigator.onLine
        ? `Could not download ${pkg.name} from ${url} (server unreachable, or it does not allow this page to download from it). Try again later.`
        : `You are offline, so ${pkg.name} could not be downloaded. Reconnect and try again; packages already fetched are kept.`,
    );
  }
  if (!response.ok) throw new PackageOfflineError(`The package server answered HTTP ${response.status} for ${pkg.file_name} (${url}). Check the Python package URL in the settings.`);
  const bytes = await response.arrayBuffer();
  if (pkg.sha256) {
    const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
    if (digest !== pkg.sha256.toLowerCase()) {
      throw new PackageOfflineError(`${pkg.file_name} arrived damaged (its checksum does not match the package list); it was not kept. Try again.`);
    }
  }
  return bytes;
}

async function store(cache: Cache, url: string, bytes: ArrayBuffer): Promise<void> {
  const headers = { 'content-type': url.endsWith('.json') ? 'application/json' : 'application/zip', 'content-length': String(bytes.byteLength) };
  try {
    await cache.put(url, new Response(bytes, { headers }));
  } catch (err) {
    if ((err as { name?: string }).name === 'QuotaExceededError') {
      throw new PackageOfflineError('The browser has no room left for more packages. Delete a downloaded model or other packages, then try again.');
    }
    throw err;
  }
}

export interface PackageStatus {
  name: string;
  version: string;
  cached: boolean;
  /** Size of the cached file, when cached. */
  bytes?: number;
}

/**
 * For each requested package (with its dependencies): whether its file is in the package cache. Works
 * offline. An evicted cache just reports nothing cached.
 */
export async function offlinePackageStatus(lock: Lockfile, packageBaseUrl: string, names: readonly string[]): Promise<PackageStatus[]> {
  const { packages } = resolvePackageSet(lock, names);
  const cache = await caches.open(PACKAGE_CACHE);
  return Promise.all(packages.map(async (pkg) => {
    const hit = await cache.match(packageFileUrl(pkg, packageBaseUrl), { ignoreSearch: true });
    const length = hit?.headers.get('content-length');
    const bytes = hit ? (length ? Number(length) : (await hit.blob()).size) : undefined;
    if (hit && length) await hit.body?.cancel().catch(() => undefined);
    return { name: pkg.name, version: pkg.version, cached: Boolean(hit), bytes };
  }));
}

/** Bytes held by the package cache, and how many files. */
export async function packageCacheUsage(): Promise<{ files: number; bytes: number }> {
  const cache = await caches.open(PACKAGE_CACHE);
  let bytes = 0;
  const keys = await cache.keys();
  for (const key of keys) {
    const hit = await cache.match(key);
    const length = hit?.headers.get('content-length');
    bytes += length ? Number(length) : hit ? (await hit.blob()).size : 0;
  }
  return { files: keys.length, bytes };
}

/** Deletes the given packages' files, or the whole package cache when `urls` is omitted. */
export async function deleteOfflinePackages(urls?: string[]): Promise<void> {
  if (!urls) { await caches.delete(PACKAGE_CACHE); return; }
  const cache = await caches.open(PACKAGE_CACHE);
  await Promise.all(urls.map((url) => cache.delete(url, { ignoreSearch: true })));
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
