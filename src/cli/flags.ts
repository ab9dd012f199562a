import { CliError } from './cli-error';

/**
 * Walks `--flag value` and `--flag=value` arguments, calling `onFlag` with each flag and a function that
 * takes its value. `-h`/`--help` are reported as the flag `--help`. A value may not start with `--`
 * (a forgotten value would swallow the next flag) unless its flag is listed in `dashedValues`.
 */
export function eachFlag(
  args: readonly string[],
  seeHelp: string,
  onFlag: (flag: string, value: () => string) => void,
  dashedValues: readonly string[] = [],
): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      onFlag('--help', () => '');
      continue;
    }
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument "${arg}"; ${seeHelp}`);
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    onFlag(flag, () => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && !dashedValues.includes(flag))) throw new CliError(`${flag} needs a value; ${seeHelp}`);
      i++;
      return next;
    });
  }
}

/** A whole number of at least `min`, or a CliError naming the flag. */
export function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new CliError(`${flag} must be a whole number of at least ${min}, not "${text}"`);
  }
  return n;
}

/** A number of seconds above 0, or a CliError naming the flag. */
export function positiveSeconds(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new CliError(`${flag} must be a number of seconds above 0, not "${text}"`);
  return n;
}
