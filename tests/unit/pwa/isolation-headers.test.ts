import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from '../../../src/pwa/sw/isolation-headers';

describe('isolation headers added by the service worker', () => {
  it('adds COOP same-origin and COEP require-corp, keeping status, type, other headers and the body', async () => {
    const original = new Response('<!doctype html>app', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/html', 'x-kept': '1' } });
    const response = withIsolationHeaders(original);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-kept')).toBe('1');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>app');
  });

  it('replaces weaker values a server already sent', () => {
    const response = withIsolationHeaders(new Response('x', { headers: { 'cross-origin-embedder-policy': 'unsafe-none' } }));
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('leaves redirects alone (rebuilding one would hide it)', () => {
    const redirect = Response.redirect('https://school.example/r1ci/', 301);
    expect(withIsolationHeaders(redirect)).toBe(redirect);
  });

  it('keeps error statuses (a 404 stays a 404)', () => {
    expect(withIsolationHeaders(new Response('not found', { status: 404 })).status).toBe(404);
  });
});
