import { describe, expect, it } from 'vitest';
import {
  StorageQuotaError, TruncatedFileError, checkReceivedSize, classifyFetchFailure, classifyHttpStatus, formatMB, isQuotaError,
} from '../../../src/models-cache/errors';
import { announcedSize } from '../../../src/models-cache/sources';

describe('classifyHttpStatus', () => {
  it('turns 404 into ModelFileNotFoundError naming the file and saying how to provide the weights', () => {
    const err = classifyHttpStatus(404, 'params_shard_3.bin', 'https://s/models/R1/params_shard_3.bin', 'R1-CI', false);
    expect(err.name).toBe('ModelFileNotFoundError');
    expect(err.message).toContain('params_shard_3.bin');
    expect(err.message).toContain('https://s/models/R1/params_shard_3.bin');
    expect(err.message).toMatch(/weights are not hosted at this URL.*models\/README.md/);
  });
  it('points to the old manifest name when tensor-cache.json is missing', () => {
    expect(classifyHttpStatus(404, 'tensor-cache.json', 'u', 'M', false).message).toMatch(/ndarray-cache.json instead .* copy it to tensor-cache.json/);
    expect(classifyHttpStatus(404, 'params_shard_0.bin', 'u', 'M', false).message).not.toMatch(/ndarray-cache/);
  });
  it('speaks of the library when the library is missing', () => {
    expect(classifyHttpStatus(404, 'lib.wasm', 'u', 'M', true).message).toMatch(/model library lib.wasm/);
  });
  it('keeps other statuses as ModelHttpError with the status', () => {
    const err = classifyHttpStatus(503, 'a.bin', 'u', 'M', false);
    expect(err.name).toBe('ModelHttpError');
    expect(err.message).toContain('HTTP 503');
  });
});

describe('classifyFetchFailure', () => {
  it('says offline when the browser is offline, a network failure otherwise', () => {
    const offline = classifyFetchFailure(new TypeError('Failed to fetch'), 'a.bin', 'u', false);
    expect(offline.name).toBe('ModelNetworkError');
    expect(offline.message).toMatch(/You are offline/);
    expect(classifyFetchFailure(new TypeError('Failed to fetch'), 'a.bin', 'u', true).message).toMatch(/failed .* Press Resume/);
  });
  it('keeps an abort and the named errors as they are', () => {
    const abort = new DOMException('paused', 'AbortError');
    expect(classifyFetchFailure(abort, 'a', 'u', true)).toBe(abort);
    const truncated = new TruncatedFileError('a', 1, 2, 'content-length');
    expect(classifyFetchFailure(truncated, 'a', 'u', true)).toBe(truncated);
  });
});

describe('checkReceivedSize', () => {
  it('passes matching sizes', () => {
    expect(() => checkReceivedSize('a', 10, 10, 10)).not.toThrow();
    expect(() => checkReceivedSize('a', 10, undefined, undefined)).not.toThrow();
  });
  it('reports a shard differing from the manifest, even when the server sent it whole', () => {
    expect(() => checkReceivedSize('s.bin', 3000, 3000, 4096)).toThrow(/s.bin has 3000 bytes but the model's tensor-cache.json says 4096/);
  });
  it('reports a body shorter than its Content-Length', () => {
    expect(() => checkReceivedSize('t.json', 5, 9, undefined)).toThrow(expect.objectContaining({ name: 'TruncatedFileError', message: expect.stringMatching(/stopped after 5 of 9 bytes/) }));
  });
});

describe('quota', () => {
  it('recognises QuotaExceededError from cache.put', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new TypeError('x'))).toBe(false);
  });
  it('says how much is needed and available', () => {
    expect(new StorageQuotaError(2_000_000_000, 500_000_000).message).toMatch(/needs about 2.00 GB more storage but the browser allows only 500 MB more/);
    expect(formatMB(1_500_000)).toBe('2 MB');
    expect(formatMB(80_000)).toBe('80 kB');
  });
});

describe('announcedSize', () => {
  it('trusts Content-Length only without Content-Encoding', () => {
    expect(announcedSize(new Headers({ 'content-length': '42' }))).toBe(42);
    expect(announcedSize(new Headers({ 'content-length': '42', 'content-encoding': 'gzip' }))).toBeUndefined();
    expect(announcedSize(new Headers())).toBeUndefined();
  });
});
