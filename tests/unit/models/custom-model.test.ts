import { describe, expect, it } from 'vitest';
import { buildCustomEntry, quantizationOf } from '../../../models/custom-model';

const pageUrl = 'https://school.example/app/';
const lib = 'https://libs.example/v0_2_86/Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';

function errorOf(fn: () => unknown): Error {
  try { fn(); } catch (err) { return err as Error; }
  throw new Error('expected an error');
}

describe('buildCustomEntry', () => {
  it('builds an entry from a Hugging Face MLC repository', () => {
    const { entry, warnings } = buildCustomEntry({ weightsUrl: 'https://huggingface.co/me/Coder-1.5B-q4f32_1-MLC', modelLibUrl: lib, pageUrl });
    expect(entry).toMatchObject({
      id: 'custom:Coder-1.5B-q4f32_1-MLC', kind: 'custom', isR1CI: false, variant: 'q4f32_1', needsShaderF16: false,
      weightsUrl: 'https://huggingface.co/me/Coder-1.5B-q4f32_1-MLC/', modelLibUrl: lib,
    });
    expect(entry.displayName).toMatch(/not R1-CI/);
    expect(entry.protocol.id).toBe(entry.id);
    expect(warnings).toEqual([]);
  });

  it('resolves a folder relative to the page and names it after the repository in a resolve/ URL', () => {
    expect(buildCustomEntry({ weightsUrl: 'models/Mine-q4f16_1-MLC', modelLibUrl: 'libs/Mine-q4f16_1-webgpu.wasm', pageUrl }).entry)
      .toMatchObject({ weightsUrl: 'https://school.example/app/models/Mine-q4f16_1-MLC/', variant: 'q4f16_1', needsShaderF16: true });
    expect(buildCustomEntry({ weightsUrl: 'https://huggingface.co/me/X-MLC/resolve/main/', modelLibUrl: lib, pageUrl }).entry.id).toBe('custom:X-MLC');
  });

  it('refuses empty, malformed and non-http URLs with a reason', () => {
    expect(errorOf(() => buildCustomEntry({ weightsUrl: ' ', modelLibUrl: lib, pageUrl })).message).toBe('Model folder URL is empty.');
    expect(errorOf(() => buildCustomEntry({ weightsUrl: 'http://[bad', modelLibUrl: lib, pageUrl })).message).toMatch(/is not a valid URL/);
    const file = errorOf(() => buildCustomEntry({ weightsUrl: 'file:///media/usb/X-MLC/', modelLibUrl: lib, pageUrl }));
    expect(file.name).toBe('CustomModelError');
    expect(file.message).toMatch(/must start with https:\/\/ or http:\/\/.*import the folder instead/);
  });

  it('refuses a file where the folder belongs, a library that is not .wasm, and a query string', () => {
    expect(errorOf(() => buildCustomEntry({ weightsUrl: 'https://h/X-MLC/mlc-chat-config.json', modelLibUrl: lib, pageUrl })).message)
      .toMatch(/points to the file mlc-chat-config.json; give the folder/);
    expect(errorOf(() => buildCustomEntry({ weightsUrl: 'https://h/X-MLC/', modelLibUrl: 'https://h/libs/', pageUrl })).message)
      .toMatch(/must point to a compiled .wasm file/);
    expect(errorOf(() => buildCustomEntry({ weightsUrl: 'https://h/X-MLC/?download=1', modelLibUrl: lib, pageUrl })).message)
      .toMatch(/must not contain "\?" or "#".*\?download=1/);
  });

  it('refuses a folder and library of different quantizations', () => {
    expect(errorOf(() => buildCustomEntry({ weightsUrl: 'https://h/X-q4f16_1-MLC/', modelLibUrl: lib, pageUrl })).message)
      .toMatch(/folder is q4f16_1 but the library is q4f32_1/);
  });

  it('warns about localhost libraries (never cached by web-llm) and unknown quantization', () => {
    const { warnings, entry } = buildCustomEntry({ weightsUrl: 'http://localhost:8000/m/', modelLibUrl: 'http://localhost:8000/m.wasm', pageUrl });
    expect(warnings.join(' ')).toMatch(/localhost.*will not load offline/);
    expect(warnings.join(' ')).toMatch(/assuming q4f32_1/);
    expect(entry.needsShaderF16).toBe(false);
  });
});

describe('quantizationOf', () => {
  it('reads q4f16_1 / q4f32_1 from names', () => {
    expect(quantizationOf('Qwen2.5-3B-Instruct-q4f16_1-MLC')).toBe('q4f16_1');
    expect(quantizationOf('x-q4f32_1_cs1k-webgpu.wasm')).toBe('q4f32_1');
    expect(quantizationOf('x-q0f16-MLC')).toBeUndefined();
  });
});
