/** One subcommand of `weibao`; `run` returns the process exit code (0 ok, 2 bad usage or input). */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** A usage or input error: printed as one line with the fix, exit code 2. */
export class UsageError extends Error {}
