/** The Python package source setting (issue 4 point 3): validation, defaults, and what is kept. */
import { describe, expect, it } from 'vitest';
import { checkPackageUrl, loadPythonSettings, parsePythonSettings, savePythonSettings, PYTHON_SETTINGS_KEY } from '../../../src/app/state/settings-python';

const PAGE = 'https://school.example/r1ci/?demo=game24';

describe('checkPackageUrl', () => {
  it('empty means the default', () => {
    expect(checkPackageUrl('  ', PAGE, 'folder')).toEqual({ ok: true, url: undefined });
  });

  it('takes absolute http(s) folders and paths on the site, adding the trailing slash a folder needs', () => {
    expect(checkPackageUrl('https://cdn.school.example/pyodide/0.29', PAGE, 'folder')).toEqual({ ok: true, url: 'https://cdn.school.example/pyodide/0.29/' });
    expect(checkPackageUrl('pyodide-packages', PAGE, 'folder')).toEqual({ ok: true, url: 'https://school.example/r1ci/pyodide-packages/' });
    expect(checkPackageUrl('/shared/pyodide/', PAGE, 'folder')).toEqual({ ok: true, url: 'https://school.example/shared/pyodide/' });
  });

  it('refuses other schemes, queries, and a package list that is not a .json file, saying what is accepted', () => {
    expect(checkPackageUrl('ftp://school/pyodide/', PAGE, 'folder')).toMatchObject({ ok: false, error: expect.stringMatching(/must be an http:\/\/ or https:\/\/ address, or a path on this site/) });
    expect(checkPackageUrl('javascript:alert(1)', PAGE, 'folder')).toMatchObject({ ok: false });
    expect(checkPackageUrl('https://x.example/p/?v=1', PAGE, 'folder')).toMatchObject({ ok: false, error: expect.stringMatching(/query/) });
    expect(checkPackageUrl('https://x.example/p/lock.txt', PAGE, 'lockfile')).toMatchObject({ ok: false, error: expect.stringMatching(/must be a \.json file/) });
    expect(checkPackageUrl('https://x.example/p/pyodide-lock.json', PAGE, 'lockfile')).toEqual({ ok: true, url: 'https://x.example/p/pyodide-lock.json' });
  });
});

describe('saved settings', () => {
  it('round-trip through storage; damaged or invalid values fall back to the defaults', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(loadPythonSettings(PAGE, storage)).toEqual({});
    expect(savePythonSettings({ packageBaseUrl: 'https://pkgs.example/full/', lockFileUrl: 'https://pkgs.example/full/pyodide-lock.json' }, storage)).toBe(true);
    expect(JSON.parse(data.get(PYTHON_SETTINGS_KEY)!)).toEqual({ packageBaseUrl: 'https://pkgs.example/full/', lockFileUrl: 'https://pkgs.example/full/pyodide-lock.json' });
    expect(loadPythonSettings(PAGE, storage)).toEqual({ packageBaseUrl: 'https://pkgs.example/full/', lockFileUrl: 'https://pkgs.example/full/pyodide-lock.json' });
    expect(parsePythonSettings('{not json', PAGE)).toEqual({});
    expect(parsePythonSettings(JSON.stringify({ packageBaseUrl: 'file:///etc/', lockFileUrl: 42 }), PAGE)).toEqual({});
  });

  it('a browser that refuses storage is reported, not thrown', () => {
    expect(savePythonSettings({}, { setItem: () => { throw new Error('QuotaExceededError'); } })).toBe(false);
  });
});
