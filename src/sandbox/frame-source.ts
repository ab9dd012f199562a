/**
 * The sandbox frame: an `<iframe sandbox="allow-scripts">` (no `allow-same-origin`, so its origin is
 * opaque: no access to the app's IndexedDB, Cache Storage, service worker, cookies, localStorage or
 * DOM) whose document comes from `srcdoc` (no network needed, works offline: the service worker does
 * not serve an opaque-origin frame) and carries a Content-Security-Policy that allows no connection at
 * all. Its classic worker, created from a blob: URL, inherits that policy (checked in Chromium:
 * fetch, XMLHttpRequest, WebSocket, importScripts and http imports fail; eval too).
 *
 * The frame's script (below, allowed by its hash, not by 'unsafe-inline') only relays messages
 * between the app's MessagePort and the worker, and owns the interrupt buffer: a SharedArrayBuffer
 * cannot cross agent clusters, and the opaque-origin frame is another cluster than the app.
 * Pure strings: no DOM here, so it is unit-tested in Node.
 */

/** What the frame's interrupt slots hold (src/python/runtime-interrupt.ts: slot 0 = SIGINT, slot 1 = reason). */
const SIGINT = 2;

/**
 * The frame's whole program. It takes the first boot message from its parent (with the app's port),
 * creates the worker from the handed-over source, and relays. It never evaluates anything the worker
 * sends: messages from the worker are passed to the app's port as they are (the app validates them).
 */
export const FRAME_SCRIPT = `(() => {
  let port = null;
  addEventListener('message', (event) => {
    const data = event.data;
    if (port || event.source !== parent || !data || data.type !== 'r1ci-sandbox-boot' || !event.ports[0]) return;
    port = event.ports[0];
    const buffer = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(8) : undefined;
    const slots = buffer ? new Int32Array(buffer) : undefined;
    const worker = new Worker(URL.createObjectURL(new Blob([data.workerSource], { type: 'text/javascript' })), { name: 'python-sandbox' });
    worker.onerror = (e) => {
      e.preventDefault();
      port.postMessage({ type: 'died', reason: 'the Python worker failed: ' + (e.message || 'its script could not be loaded') });
    };
    worker.onmessageerror = () => port.postMessage({ type: 'died', reason: 'the Python worker sent a message that could not be read' });
    worker.onmessage = (e) => port.postMessage(e.data);
    port.onmessage = (e) => {
      const m = e.data;
      if (!m || typeof m.type !== 'string') return;
      if (m.type === 'stop') {
        if (slots) { Atomics.store(slots, 1, m.reasonCode | 0); Atomics.store(slots, 0, ${SIGINT}); }
      } else if (m.type === 'clear') {
        if (slots) { Atomics.store(slots, 0, 0); Atomics.store(slots, 1, 0); }
      } else {
        worker.postMessage(m);
      }
    };
    worker.postMessage({ type: 'boot', files: data.files, interruptBuffer: buffer, unhardened: data.unhardened === true });
    port.postMessage({ type: 'frame-ready', interruptible: Boolean(buffer) });
  });
})();`;

/**
 * The frame's policy: nothing may be loaded or connected to. Scripts: the frame's own (by hash) and
 * blob: (the worker and the Pyodide modules the worker imports from the handed-over text);
 * 'wasm-unsafe-eval' lets Pyodide compile its wasm; no 'unsafe-eval' (so `eval`, `new Function` and
 * Pyodide's `run_js` fail).
 */
export function sandboxCsp(scriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}' blob: 'wasm-unsafe-eval'`,
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The frame's document. `scriptHash` is the base64 SHA-256 of FRAME_SCRIPT (see `frameScriptHash`). */
export function frameSrcdoc(scriptHash: string): string {
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${sandboxCsp(scriptHash)}"><script>${FRAME_SCRIPT}</script>`;
}

/** Base64 SHA-256 of the frame's script, as CSP hash sources want it. */
export async function frameScriptHash(): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(FRAME_SCRIPT)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The iframe's `sandbox` attribute: scripts only; above all no `allow-same-origin`. */
export const FRAME_SANDBOX = 'allow-scripts';

/** The iframe's `allow` attribute: lets the frame be cross-origin isolated when the app is (the fast interrupt). */
export const FRAME_ALLOW = 'cross-origin-isolated';
