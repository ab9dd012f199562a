/**
 * Python packages from Pyodide's lockfile (node_modules/pyodide/pyodide-lock.json, shipped beside the
 * runtime): which files a chosen set needs, dependencies included. Pure.
 */

/** One lockfile record (the fields used here). */
export interface LockPackage {
  name: string;
  version: string;
  file_name: string;
  depends: string[];
  imports: string[];
  sha256: string;
  package_type?: string;
}

export interface Lockfile {
  info: { python?: string; version?: string; [key: string]: unknown };
  packages: Record<string, LockPackage>;
}

/**
 * Offered by "make available offline": what a model solving maths and puzzle questions imports most.
 * Dependencies come along (networkx brings matplotlib and its own).
 */
export const PRESET_PACKAGES = ['numpy', 'sympy', 'mpmath', 'networkx', 'scipy', 'pandas'] as const;

export interface ResolvedPackages {
  /** Every package needed, each dependency before what needs it. */
  packages: LockPackage[];
  /** Requested names found neither as a package nor as an import name. */
  unknown: string[];
}

/** PEP 503 normalisation, which is how the lockfile keys its packages. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** The lockfile key for a package name or an import name (`sklearn` finds `scikit-learn`). */
export function findPackageKey(lock: Lockfile, name: string): string | undefined {
  const key = normalizeName(name);
  if (lock.packages[key]) return key;
  const wanted = name.trim();
  return Object.keys(lock.packages).find((k) => lock.packages[k].imports?.includes(wanted));
}

/** Resolves `names` with all their dependencies (depth first, so dependencies come first; no duplicates). */
export function resolvePackageSet(lock: Lockfile, names: readonly string[]): ResolvedPackages {
  const ordered: LockPackage[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const pkg = lock.packages[key];
    if (!pkg) { unknown.push(key); return; }
    for (const dep of pkg.depends ?? []) visit(normalizeName(dep));
    ordered.push(pkg);
  };
  for (const name of names) {
    const key = findPackageKey(lock, name);
    if (key) visit(key);
    else unknown.push(name);
  }
  return { packages: ordered, unknown };
}

/** Where a package's file is fetched from: its file name against the package base URL (or absolute already). */
export function packageFileUrl(pkg: LockPackage, packageBaseUrl: string): string {
  return new URL(pkg.file_name, packageBaseUrl.endsWith('/') ? packageBaseUrl : packageBaseUrl + '/').href;
}
