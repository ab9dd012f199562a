import { describe, expect, it } from 'vitest';
import { chooseOfflineModels, offlineReadyModels } from '../../../src/pwa/offline-models';
import type { ModelCacheReport } from '../../../src/models-cache/inspect';

const model = (id: string) => ({ id, weightsUrl: `https://x.example/models/${id}/`, modelLibUrl: `https://x.example/libs/${id}.wasm` });
const report = (modelId: string, state: ModelCacheReport['state']): ModelCacheReport =>
  ({ modelId, state, bytesCached: state === 'absent' ? 0 : 10, filesCached: state === 'absent' ? 0 : 1, missing: state === 'ready' ? [] : ['params_shard_1.bin'] });

describe('models offered offline', () => {
  const entries = [model('a'), model('b'), model('c')];
  const reports = [report('a', 'ready'), report('b', 'partial'), report('c', 'absent')];

  it('offers only fully cached models offline, saying why the others are not', () => {
    const choices = chooseOfflineModels(entries, reports, false);
    expect(choices.map((c) => c.usable)).toEqual([true, false, false]);
    expect(choices[1].reason).toMatch(/part of this model/);
    expect(choices[2].reason).toMatch(/not downloaded/);
  });

  it('offers every model online', () => {
    expect(chooseOfflineModels(entries, reports, true).every((c) => c.usable)).toBe(true);
  });

  it('counts a model whose inspection fails (cache evicted meanwhile) as not downloaded, never throws', async () => {
    const choices = await offlineReadyModels(entries, false, async (m) => {
      if (m.id === 'b') throw new DOMException('gone', 'NotFoundError');
      return report(m.id, m.id === 'a' ? 'ready' : 'absent');
    });
    expect(choices.map((c) => [c.entry.id, c.report.state, c.usable])).toEqual([['a', 'ready', true], ['b', 'absent', false], ['c', 'absent', false]]);
  });
});
