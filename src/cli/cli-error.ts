/** An expected command-line failure: printed as one line on stderr, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}
