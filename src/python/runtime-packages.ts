import type { PyodideAPI } from 'pyodide';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Packages on demand: finds the script's imports that name packages in Pyodide's lockfile, fetches
 * their wheels (and their dependencies') through an injectable fetcher, checks each wheel's SHA-256
 * and installs it. Pyodide's own `loadPackage` is not used because it does not throw when a download
 * fails (it only logs), and in Node it silently retries from a CDN; here every failure becomes a
 * reason in words that the script's `ModuleNotFoundError` carries.
 */

/** Fetches a URL's bytes; throws on any failure. Injectable so a host can fetch for an offline worker. */
export type PackageFetcher = (url: string) => Promise<Uint8Array>;

interface LockfilePackage {
  name: string;
  version: string;
  file_name: string;
  install_dir: string;
  sha256: string;
  imports: string[];
  depends: string[];
}

/** The parts of Pyodide's private API this module needs (stable within a Pyodide release). */
interface PyodidePrivateApi {
  install(buffer: Uint8Array, fileName: string, installDir: string, metadata: Map<string, string>): Promise<void>;
  package_loader: { get_install_dir(dir: string): string };
}

export interface PackageLoadOutcome {
  /** Packages installed for this script (dependencies included). */
  loaded: string[];
  /** Import name -> why its package could not be had (appended to ModuleNotFoundError's message). */
  missing: Record<string, string>;
}

export class PackageLoader {
  private readonly packages: Record<string, LockfilePackage>;
  private readonly importToPackage = new Map<string, string>();

  constructor(
    private readonly pyodide: PyodideAPI,
    private readonly baseUrl: string,
    private readonly fetcher: PackageFetcher = defaultFetcher,
  ) {
    this.packages = (pyodide.lockfile.packages ?? {}) as unknown as Record<string, LockfilePackage>;
    for (const pkg of Object.values(this.packages)) {
      for (const name of pkg.imports ?? []) this.importToPackage.set(name, pkg.name);
    }
  }

  /** Loads what the script imports; never throws (failures become `missing` reasons). */
  async loadFor(code: string): Promise<PackageLoadOutcome> {
    const outcome: PackageLoadOutcome = { loaded: [], missing: {} };
    for (const importName of this.findImports(code)) {
      const packageName = this.importToPackage.get(importName);
      if (!packageName) continue; // stdlib, or not a Pyodide package: Python's own error applies
      const reason = await this.ensure(packageName, outcome.loaded, new Set());
      if (reason) outcome.missing[importName] = reason;
    }
    return outcome;
  }

  private findImports(code: string): string[] {
    try {
      const found = this.pyodide.pyodide_py.code.find_imports(code);
      const names = found.toJs() as string[];
      found.destroy();
      return [...new Set(names.map((name) => name.split('.')[0]))];
    } catch {
      return []; // a SyntaxError: the script will report it itself
    }
  }

  /** Installs `name` after its dependencies; returns a reason when it cannot be had. */
  private async ensure(name: string, loaded: string[], visiting: Set<string>): Promise<string | null> {
    // A failure is not remembered: the next script tries again (the network may be back).
    if (this.isLoaded(name)) return null;
    const pkg = this.packages[name];
    if (!pkg) return `the package ${name} is not in the package list`;
    if (visiting.has(name)) return null; // a dependency cycle: the outer call installs it
    visiting.add(name);
    for (const dependency of pkg.depends ?? []) {
      const reason = await this.ensure(dependency, loaded, visiting);
      if (reason) return `it needs ${dependency}, which could not be loaded: ${reason}`;
    }
    const url = new URL(pkg.file_name, this.baseUrl).href;
    let bytes: Uint8Array;
    try {
      bytes = await this.fetcher(url);
    } catch (err) {
      return `could not download the package from ${url}: ${describeFetchError(err)}`;
    }
    if (pkg.sha256 && (await sha256Hex(bytes)) !== pkg.sha256.toLowerCase()) {
      return `the package downloaded from ${url} is damaged (its SHA-256 checksum does not match)`;
    }
    try {
      const api = (this.pyodide as unknown as { _api: PyodidePrivateApi })._api;
      const metadata = new Map([['INSTALLER', 'r1ci'], ['PYODIDE_SOURCE', 'pyodide']]);
      await api.install(bytes, pkg.file_name, api.package_loader.get_install_dir(pkg.install_dir), metadata);
      (this.pyodide.loadedPackages as Record<string, string>)[name] = 'r1ci';
      this.pyodide.runPython('import importlib; importlib.invalidate_caches()');
    } catch (err) {
      return `could not install the package: ${(err as Error)?.message ?? String(err)}`;
    }
    loaded.push(name);
    return null;
  }

  private isLoaded(name: string): boolean {
    return Boolean((this.pyodide.loadedPackages as Record<string, string>)[name]);
  }
}

async function defaultFetcher(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetch errors in words: a refused connection or no network is "network unreachable". */
function describeFetchError(err: unknown): string {
  const error = err as Error & { cause?: { code?: string } };
  if (error?.name === 'TypeError') return error.cause?.code ? `network unreachable (${error.cause.code})` : 'network unreachable';
  return error?.message ?? String(err);
}

/**
 * SHA-256 in plain JavaScript: the sandboxed worker runs in an opaque origin where `crypto.subtle` does
 * not exist (it is only exposed to secure contexts), so Web Crypto cannot be relied on there.
 */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(sha256(bytes));
}
