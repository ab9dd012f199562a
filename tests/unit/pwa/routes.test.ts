import { describe, expect, it } from 'vitest';
import { isPackagePath, routeFor } from '../../../src/pwa/sw/routes';

const scope = 'https://school.example/r1ci/';
const get = (url: string, mode = 'cors') => routeFor({ url, method: 'GET', mode }, scope);

describe('service worker routes', () => {
  it('answers navigations to the app folder, with any query, from the shell', () => {
    expect(get('https://school.example/r1ci/', 'navigate')).toBe('shell');
    expect(get('https://school.example/r1ci/index.html', 'navigate')).toBe('shell');
    expect(get('https://school.example/r1ci/?demo=game24', 'navigate')).toBe('shell');
    expect(get('https://school.example/r1ci/?replay=recordings/a.json', 'navigate')).toBe('shell');
  });

  it('serves other same-origin files in scope itself, so they carry the isolation headers', () => {
    expect(get('https://school.example/r1ci/assets/python-worker-abc.js')).toBe('same-origin');
    expect(get('https://school.example/r1ci/pyodide/pyodide.asm.wasm')).toBe('same-origin');
    expect(get('https://school.example/r1ci/models/R1/resolve/main/mlc-chat-config.json')).toBe('same-origin');
    expect(get('https://school.example/r1ci/docs/page.html', 'navigate')).toBe('navigation');
  });

  it('leaves alone what is outside the scope, other methods and other schemes', () => {
    expect(get('https://school.example/other-app/index.html', 'navigate')).toBe('passthrough');
    expect(get('https://school.example/r1ci-other/x.js')).toBe('passthrough');
    expect(routeFor({ url: 'https://school.example/r1ci/api', method: 'POST', mode: 'cors' }, scope)).toBe('passthrough');
    expect(get('blob:https://school.example/1234')).toBe('passthrough');
    expect(get('data:text/plain,hi')).toBe('passthrough');
    expect(get('https://huggingface.co/mlc-ai/Qwen/resolve/main/params_shard_0.bin')).toBe('passthrough');
  });

  it('sends Python package files to the package cache, on the CDN or on the site', () => {
    expect(get('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl')).toBe('package');
    expect(get('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/pyodide-lock.json')).toBe('package');
    expect(get('https://school.example/r1ci/packages/sympy-1.14.0-py3-none-any.whl')).toBe('package');
    expect(get('https://school.example/r1ci/pyodide/python_stdlib.zip')).toBe('package'); // precache is tried first for same-origin
  });

  it('looks up cross-origin model libraries in web-llm\'s cache', () => {
    expect(get('https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm')).toBe('model-library');
  });

  it('recognises package paths by file type', () => {
    expect(isPackagePath('/x/mpmath-1.4.1-py3-none-any.whl')).toBe(true);
    expect(isPackagePath('/x/affine-tests.zip')).toBe(true);
    expect(isPackagePath('/x/pyodide-lock.json')).toBe(true);
    expect(isPackagePath('/x/not-pyodide-lock.json')).toBe(false);
    expect(isPackagePath('/x/app.js')).toBe(false);
  });
});
