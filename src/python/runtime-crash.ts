/**
 * A crash of the Python runtime in words a user can act on. Errors crossing the worker boundary keep
 * only name, message and stack, so this branches on those, never on classes.
 */
export function describeCrash(err: unknown): string {
  const error = (err ?? {}) as { name?: string; message?: string };
  const message = String(error.message ?? err ?? '');
  if (/out of memory|Cannot enlarge memory|Array buffer allocation failed|Memory\.grow|allocation failed/i.test(message)) {
    return 'out of memory';
  }
  if (/Maximum call stack size exceeded|stack overflow/i.test(message)) return 'stack overflow (recursion too deep)';
  if (/memory access out of bounds/i.test(message)) return 'fatal error: memory access out of bounds';
  if (/unreachable/i.test(message)) return 'fatal error: the interpreter aborted';
  if (/fatally failed|already exited/i.test(message)) return 'fatal error: the runtime can no longer be used';
  const text = message.split('\n')[0].trim();
  return text ? `${error.name ?? 'Error'}: ${text}` : 'unknown cause';
}

/**
 * Pyodide's fatal-error handler dumps the interpreter's stack (with the driver's frames) onto stdout;
 * that dump is the runtime's, not the script's output, so a crashed run keeps only what came before it.
 */
export function stripFatalDump(text: string): string {
  const match = /^(Fatal Python error|Stack \(most recent call first\):|Current thread 0x)/m.exec(text);
  return match ? text.slice(0, match.index) : text;
}
