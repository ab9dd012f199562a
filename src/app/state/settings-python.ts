/**
 * Where Python packages come from (issue 4 point 3): by default Pyodide's CDN with the lockfile that ships
 * beside the runtime; a school may host Pyodide's package folder on its own static server and point the
 * app at it. Both addresses are validated here (pure, tested in Node) and kept in localStorage.
 */

export interface PythonPackageSettings {
  /** Folder the package files are fetched from (ends in "/"); undefined: Pyodide's CDN. */
  packageBaseUrl?: string;
  /** The package list (pyodide-lock.json); undefined: the one beside the Pyodide runtime. */
  lockFileUrl?: string;
}

export const PYTHON_SETTINGS_KEY = 'r1ci-python-packages';

export type UrlCheck = { ok: true; url: string | undefined } | { ok: false; error: string };

/**
 * Checks what the user typed: empty means "the default"; otherwise an absolute http(s) URL or a path
 * relative to the site (`pyodide-packages/`), resolved against the page. A folder gets its trailing "/"
 * (without it the last path part would be dropped when file names are resolved against it).
 */
export function checkPackageUrl(input: string, pageUrl: string, kind: 'folder' | 'lockfile'): UrlCheck {
  const text = input.trim();
  if (text === '') return { ok: true, url: undefined };
  const what = kind === 'folder' ? 'The package folder' : 'The package list';
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:\/\//i.test(text)) {
    return { ok: false, error: `${what} must be an http:// or https:// address, or a path on this site such as "pyodide-packages/"; "${text}" is neither.` };
  }
  let url: URL;
  try {
    url = new URL(text, pageUrl);
  } catch {
    return { ok: false, error: `${what} "${text}" is not a valid address.` };
  }
  if (url.search || url.hash) return { ok: false, error: `${what} must not have a query or a #fragment ("${text}").` };
  if (kind === 'folder') {
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return { ok: true, url: url.href };
  }
  if (!url.pathname.endsWith('.json')) {
    return { ok: false, error: `${what} must be a .json file (Pyodide's pyodide-lock.json); "${text}" is not.` };
  }
  return { ok: true, url: url.href };
}

/** Reads saved settings without trusting their shape: anything unusable falls back to the default. */
export function parsePythonSettings(json: string | null, pageUrl: string): PythonPackageSettings {
  let data: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(json ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch { /* damaged: defaults */ }
  const pick = (value: unknown, kind: 'folder' | 'lockfile') => {
    if (typeof value !== 'string') return undefined;
    const check = checkPackageUrl(value, pageUrl, kind);
    return check.ok ? check.url : undefined;
  };
  const out: PythonPackageSettings = {};
  const base = pick(data.packageBaseUrl, 'folder');
  const lock = pick(data.lockFileUrl, 'lockfile');
  if (base) out.packageBaseUrl = base;
  if (lock) out.lockFileUrl = lock;
  return out;
}

/** The saved settings (defaults when storage is unavailable). */
export function loadPythonSettings(pageUrl: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): PythonPackageSettings {
  try {
    return parsePythonSettings(storage?.getItem(PYTHON_SETTINGS_KEY) ?? null, pageUrl);
  } catch {
    return {};
  }
}

/** Saves the settings; false when the browser refused (private mode with storage off). */
export function savePythonSettings(settings: PythonPackageSettings, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): boolean {
  try {
    storage?.setItem(PYTHON_SETTINGS_KEY, JSON.stringify(settings));
    return Boolean(storage);
  } catch {
    return false;
  }
}
