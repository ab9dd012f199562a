import type { GenerateRequest } from '../../../src/engines/engine';
import { R1CI_3B } from '../../../models/r1ci.protocol';

/** A generate request with the protocol's defaults; `onText` collects the deltas into `deltas`. */
export function makeRequest(overrides: Partial<GenerateRequest> = {}): GenerateRequest & { deltas: string[] } {
  const deltas: string[] = [];
  return {
    prompt: '<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n',
    round: 0,
    maxTokens: 4096,
    sampling: R1CI_3B.sampling,
    eos: R1CI_3B.eos,
    onText: (delta: string) => {
      deltas.push(delta);
    },
    ...overrides,
    deltas,
  };
}
