import { describe, expect, it } from 'vitest';
import { R1CI_3B, stockQwenProtocol } from '../../../models/r1ci.protocol';
import { clampSetting, defaultValues, effectiveProtocol, normaliseOverrides, parseSettings, summariseProtocol } from '../../../src/app/state/settings';

describe('settings -> effective protocol', () => {
  it('defaults to the protocol record values', () => {
    expect(defaultValues(R1CI_3B)).toEqual({ temperature: 0.6, maxNewTokens: 4096, maxCodeCalls: 8, timeLimitSeconds: 60 });
    expect(effectiveProtocol(R1CI_3B, {})).toEqual(R1CI_3B);
  });

  it('applies overrides and leaves everything else of the record alone', () => {
    const p = effectiveProtocol(R1CI_3B, { temperature: 0.2, maxNewTokens: 2048, maxCodeCalls: 3, timeLimitSeconds: 10 });
    expect(p.sampling).toEqual({ ...R1CI_3B.sampling, temperature: 0.2 });
    expect([p.maxNewTokens, p.maxCodeCalls, p.timeLimitSeconds]).toEqual([2048, 3, 10]);
    expect(p.instruction).toBe(R1CI_3B.instruction);
    expect(p.results).toEqual(R1CI_3B.results);
    expect(R1CI_3B.sampling.temperature).toBe(0.6); // the record itself is not mutated
    expect(summariseProtocol(p)).toMatchObject({ protocolId: 'r1ci-3b', temperature: 0.2, maxNewTokens: 2048, maxCodeCalls: 3, timeLimitSeconds: 10 });
  });

  it('clamps out-of-range values and rounds integer settings', () => {
    expect(clampSetting('temperature', 9)).toBe(2);
    expect(clampSetting('maxCodeCalls', -3)).toBe(0);
    expect(clampSetting('maxNewTokens', 1000.6)).toBe(1001);
    expect(clampSetting('timeLimitSeconds', Number.NaN)).toBeUndefined();
    expect(effectiveProtocol(R1CI_3B, { timeLimitSeconds: 100_000 }).timeLimitSeconds).toBe(600);
  });

  it('keeps only overrides that differ from the model default, so a model switch shows its own defaults', () => {
    expect(normaliseOverrides({ temperature: 0.6, maxCodeCalls: 4 }, R1CI_3B)).toEqual({ maxCodeCalls: 4 });
    const qwen = stockQwenProtocol('q', 'Qwen');
    expect(effectiveProtocol(qwen, {}).sampling.temperature).toBe(0.7);
    expect(effectiveProtocol(qwen, { maxCodeCalls: 4 }).sampling.temperature).toBe(0.7);
  });

  it('reads saved settings defensively', () => {
    expect(parseSettings(null, 'm')).toEqual({ modelId: 'm', overrides: {} });
    expect(parseSettings('not json', 'm')).toEqual({ modelId: 'm', overrides: {} });
    expect(parseSettings('{"modelId":"x","overrides":{"temperature":0.3,"maxCodeCalls":"9","evil":1}}', 'm')).toEqual({ modelId: 'x', overrides: { temperature: 0.3 } });
  });
});
