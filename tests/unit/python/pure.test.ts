import { describe, expect, it } from 'vitest';
import { parsePyArgs } from '../../../src/cli/commands/py';
import { CappedText, OutputBatcher } from '../../../src/python/runtime-capture';
import { describeCrash, stripFatalDump } from '../../../src/python/runtime-crash';
import { clearStop, createInterruptBuffer, readStopReason, requestStop } from '../../../src/python/runtime-interrupt';

describe('CappedText', () => {
  it('keeps at most the cap and counts everything', () => {
    const text = new CappedText(5);
    expect(text.append('abc')).toBe('abc');
    expect(text.append('defg')).toBe('de');
    expect(text.append('hij')).toBe('');
    expect(text).toMatchObject({ text: 'abcde', total: 10 });
  });
});

describe('OutputBatcher', () => {
  it('merges consecutive text of one stream and sends all on flush, in order', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((stream, text) => sent.push(`${stream}:${text}`), 60_000);
    batcher.flush(); // starts the interval: nothing pending
    batcher.push('stdout', 'a');
    batcher.push('stdout', 'b');
    batcher.push('stderr', 'c');
    batcher.push('stdout', '');
    expect(sent).toEqual([]);
    batcher.flush();
    expect(sent).toEqual(['stdout:ab', 'stderr:c']);
  });

  it('drains: resolves once every piece sent was received', async () => {
    const received: string[] = [];
    const batcher = new OutputBatcher((_stream, text) => new Promise<void>((resolve) => setTimeout(() => (received.push(text), resolve()), 10)), 60_000);
    batcher.push('stdout', 'last words');
    await batcher.drain();
    expect(received).toEqual(['last words']);
  });

  it('survives a listener that throws or rejects', () => {
    const batcher = new OutputBatcher(() => Promise.reject(new Error('page gone')), 0);
    expect(() => batcher.push('stdout', 'x')).not.toThrow();
    const throwing = new OutputBatcher(() => {
      throw new Error('gone');
    }, 0);
    expect(() => throwing.push('stdout', 'x')).not.toThrow();
  });
});

describe('interrupt buffer', () => {
  it('carries the stop reason beside the signal and clears both', () => {
    const buffer = createInterruptBuffer()!;
    expect(readStopReason(buffer)).toBeNull();
    requestStop(buffer, 'aborted');
    expect(new Int32Array(buffer)[0]).toBe(2);
    expect(readStopReason(buffer)).toBe('aborted');
    clearStop(buffer);
    expect(readStopReason(buffer)).toBeNull();
    expect(new Int32Array(buffer)[0]).toBe(0);
    expect(readStopReason(undefined)).toBeNull();
  });
});

describe('describeCrash', () => {
  it('puts runtime failures in words', () => {
    expect(describeCrash(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'))).toBe('out of memory');
    expect(describeCrash({ name: 'RuntimeError', message: 'unreachable' })).toBe('fatal error: the interpreter aborted');
    expect(describeCrash({ name: 'RangeError', message: 'Maximum call stack size exceeded' })).toBe('stack overflow (recursion too deep)');
    expect(describeCrash({ name: 'Error', message: 'worker gone\nstack' })).toBe('Error: worker gone');
    expect(describeCrash(undefined)).toBe('unknown cause');
  });

  it('cuts Pyodide\'s fatal stack dump from the output', () => {
    expect(stripFatalDump('kept\nStack (most recent call first):\n  File "x", line 1\n')).toBe('kept\n');
    expect(stripFatalDump('all kept\n')).toBe('all kept\n');
  });
});

describe('parsePyArgs', () => {
  it('takes a file and an optional timeout in seconds', () => {
    expect(parsePyArgs(['a.py'])).toEqual({ file: 'a.py', timeoutSeconds: 60 });
    expect(parsePyArgs(['a.py', '--timeout', '2.5'])).toEqual({ file: 'a.py', timeoutSeconds: 2.5 });
    expect(parsePyArgs(['--timeout=3', 'a.py'])).toEqual({ file: 'a.py', timeoutSeconds: 3 });
  });

  it('rejects bad arguments with a CliError', () => {
    for (const args of [[], ['a.py', 'b.py'], ['a.py', '--timeout'], ['a.py', '--timeout', '0'], ['a.py', '--fast']]) {
      expect(() => parsePyArgs(args)).toThrowError(expect.objectContaining({ name: 'CliError' }));
    }
  });
});
