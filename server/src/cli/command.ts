// What every `mks-gitops` subcommand is: its syntax, a run function, and the exit codes they share.
import type { CommandSyntax } from './args';

export const ExitCode = {
  /** Nothing at error level was found (warnings and notes are allowed). */
  ok: 0,
  /** At least one finding at error level (or, for commands that act, the action failed). */
  findings: 1,
  /** Bad usage, input that could not be read (missing file, unreadable file, bad --config), or a bug of ours. */
  usage: 2,
} as const;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface Command extends CommandSyntax {
  /** `argv` is what follows the subcommand name; returns the process exit code. */
  run(argv: readonly string[], output: Output): Promise<number>;
}

/** A problem with what the user gave us (not with their YAML): printed as is, exit 2. */
export class InputError extends Error {}

/** Like InputError, but the usage text of the command helps. */
export class UsageError extends InputError {}
