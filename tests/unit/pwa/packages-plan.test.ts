import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESET_PACKAGES, findPackageKey, packageFileUrl, resolvePackageSet, type Lockfile } from '../../../src/pwa/packages-plan';

// The real lockfile of the installed Pyodide: the names offered must exist in it.
const lock = JSON.parse(readFileSync('node_modules/pyodide/pyodide-lock.json', 'utf8')) as Lockfile;

describe('package sets from Pyodide\'s lockfile', () => {
  it('finds every preset package', () => {
    const { packages, unknown } = resolvePackageSet(lock, PRESET_PACKAGES);
    expect(unknown).toEqual([]);
    const names = packages.map((p) => p.name);
    for (const name of PRESET_PACKAGES) expect(names).toContain(name);
  });

  it('adds dependencies before what needs them, once each', () => {
    const names = resolvePackageSet(lock, ['sympy']).packages.map((p) => p.name);
    expect(names).toEqual(['mpmath', 'sympy']);
    const withNetworkx = resolvePackageSet(lock, ['networkx', 'numpy']).packages.map((p) => p.name);
    expect(new Set(withNetworkx).size).toBe(withNetworkx.length);
    expect(withNetworkx.indexOf('numpy')).toBeLessThan(withNetworkx.indexOf('networkx'));
    expect(withNetworkx).toContain('matplotlib');
  });

  it('accepts import names and any spelling of a package name', () => {
    expect(findPackageKey(lock, 'sklearn')).toBe('scikit-learn');
    expect(findPackageKey(lock, 'Python_DateUtil')).toBe('python-dateutil');
  });

  it('reports names that are not in the lockfile', () => {
    expect(resolvePackageSet(lock, ['numpy', 'no-such-package']).unknown).toEqual(['no-such-package']);
  });

  it('places the file under the package base URL', () => {
    const numpy = resolvePackageSet(lock, ['numpy']).packages[0];
    expect(packageFileUrl(numpy, 'https://cdn.jsdelivr.net/pyodide/v314.0.7/full')).toBe(`https://cdn.jsdelivr.net/pyodide/v314.0.7/full/${numpy.file_name}`);
    expect(numpy.file_name).toMatch(/\.whl$/);
    expect(numpy.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
