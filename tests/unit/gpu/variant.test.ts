import { describe, expect, it } from 'vitest';
import { chooseVariant, variantSupported } from '../../../src/gpu/variant';

describe('chooseVariant', () => {
  it('picks q4f16_1 only when the adapter has shader-f16', () => {
    expect(chooseVariant({ features: ['shader-f16', 'subgroups'] }).variant).toBe('q4f16_1');
  });
  it('falls back to q4f32_1 without shader-f16, and says why', () => {
    const choice = chooseVariant({ features: ['subgroups'] });
    expect(choice.variant).toBe('q4f32_1');
    expect(choice.reason).toContain('shader-f16');
  });
  it('knows q4f16_1 cannot run without shader-f16', () => {
    expect(variantSupported({ features: [] }, 'q4f16_1')).toBe(false);
    expect(variantSupported({ features: [] }, 'q4f32_1')).toBe(true);
  });
});
