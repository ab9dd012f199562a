/**
 * Adds the headers that make a page (and its workers) cross-origin isolated, to a response the service
 * worker serves. Works on any host: GitHub Pages or a USB stick served by `python3 -m http.server` cannot
 * set COOP/COEP, but the service worker can, from the second load on.
 */
import { COEP_VALUE, COOP_VALUE } from '../cache-names';

/**
 * A copy of `response` carrying COOP and COEP (the body is streamed, not read). Opaque responses cannot
 * be copied and are returned as they are; so are redirects (rebuilding one would hide the redirect).
 */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  if (response.status >= 300 && response.status < 400) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', COOP_VALUE);
  headers.set('Cross-Origin-Embedder-Policy', COEP_VALUE);
  // What a server without the header already allows any embedder; said explicitly so an opaque-origin
  // frame (the Python sandbox, issue 6) living under require-corp may still load the app's files.
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
