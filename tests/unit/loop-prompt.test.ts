import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/loop/prompt';
import { R1CI_3B } from '../../models/r1ci.protocol';

describe('buildPrompt', () => {
  const prompt = buildPrompt(R1CI_3B, 'What is 2+2? Return your answer with format <<<number>>>.');

  it('is Qwen2.5 ChatML with the default system message and an opened assistant turn', () => {
    expect(prompt.startsWith('<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\n')).toBe(true);
    expect(prompt.endsWith('What is 2+2? Return your answer with format <<<number>>>.<|im_end|>\n<|im_start|>assistant\n')).toBe(true);
  });

  it('joins the verbatim instruction and the question with one newline', () => {
    expect(prompt).toContain(R1CI_3B.instruction + '\nWhat is 2+2?');
  });

  it('keeps the transcribed instruction characters: bold spans, curly quotes, the doubled full stop', () => {
    expect(R1CI_3B.instruction).toContain('**you can generate python code**');
    expect(R1CI_3B.instruction).toContain('uses \u2018print\u2019\nfunction for the output.**.');
    expect(R1CI_3B.instruction.split('\n')).toHaveLength(10);
  });

  it('appends nothing after the question', () => {
    const q = 'Q?';
    expect(buildPrompt(R1CI_3B, q)).toContain('\nQ?<|im_end|>');
  });
});
