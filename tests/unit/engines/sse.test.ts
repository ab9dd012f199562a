import { describe, expect, it } from 'vitest';
import { SseDecoder } from '../../../src/engines/openai-stream';

const STREAM =
  ': keep-alive\r\n\r\n' +
  'data: {"a":1}\r\n\r\n' +
  'data: {"b":\n' +
  'data: 2}\n\n' +
  'event: error\ndata: boom\n\n' +
  'data: [DONE]\r\r';

const EXPECTED = [
  { event: 'message', data: '{"a":1}' },
  { event: 'message', data: '{"b":\n2}' },
  { event: 'error', data: 'boom' },
  { event: 'message', data: '[DONE]' },
];

describe('SseDecoder', () => {
  it('decodes events whole', () => {
    const decoder = new SseDecoder();
    expect([...decoder.push(STREAM), ...decoder.end()]).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is split, CRLF halves included', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      for (const second of [cut + 1, cut + 7]) {
        const decoder = new SseDecoder();
        const parts = [STREAM.slice(0, cut), STREAM.slice(cut, second), STREAM.slice(second)];
        const events = parts.flatMap((p) => decoder.push(p));
        expect([...events, ...decoder.end()], `split at ${cut}/${second}`).toEqual(EXPECTED);
      }
    }
  });

  it('fed one character at a time', () => {
    const decoder = new SseDecoder();
    const events = [...STREAM].flatMap((c) => decoder.push(c));
    expect([...events, ...decoder.end()]).toEqual(EXPECTED);
  });

  it('keeps an event not ended by a blank line when the stream ends', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: {"x":1}')).toEqual([]);
    expect(decoder.end()).toEqual([{ event: 'message', data: '{"x":1}' }]);
  });

  it('reads llama.cpp-style error lines', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('error: {"message":"slot unavailable"}\n\n')).toEqual([{ event: 'error', data: '{"message":"slot unavailable"}' }]);
  });
});
