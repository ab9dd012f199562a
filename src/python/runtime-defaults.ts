/** Defaults shared by the Node runner and the browser client. */

/** Pyodide's own CDN folder for this release: where its package wheels live unless a site hosts its own. */
export const DEFAULT_PACKAGE_BASE_URL = 'https://cdn.jsdelivr.net/pyodide/v314.0.7/full/';

/** Where scripts are written and what tracebacks call them. */
export const DEFAULT_SCRIPT_PATH = '/tmp/script.py';
